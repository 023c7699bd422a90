// Turns the engine's snapshots and notifications into lab events: every local/state change and every notification.
import type { LocalVerdictKind, ServiceId, ServiceState, Snapshot } from '../contracts/status.ts';
import type { MonitorEngine } from '../main/engine/ports.ts';
import type { EventLog } from './events.ts';
import { SERVICES } from './world-keys.ts';

/** Subscribes to the engine; returns the unsubscribe function. */
export function recordEngine(engine: MonitorEngine, log: EventLog): () => void {
  const initial = engine.snapshot();
  let local: LocalVerdictKind = initial.local.verdict;
  const states = Object.fromEntries(SERVICES.map((s) => [s, initial.services[s].state])) as Record<ServiceId, ServiceState>;

  const onSnapshot = (snapshot: Snapshot): void => {
    if (snapshot.local.verdict !== local) {
      log.record({ event: 'local', from: local, to: snapshot.local.verdict });
      local = snapshot.local.verdict;
    }
    for (const service of SERVICES) {
      const verdict = snapshot.services[service];
      if (verdict.state === states[service]) continue;
      log.record({ event: 'state', service, from: states[service], to: verdict.state, reason: verdict.reason });
      states[service] = verdict.state;
    }
  };
  const offSnapshot = engine.onSnapshot(onSnapshot);
  const offNotification = engine.onNotification((n) => {
    // Catch up on the snapshot first, so the state change that caused the alert is logged before it.
    onSnapshot(engine.snapshot());
    log.record({ event: 'notification', service: n.service, kind: n.kind, title: n.title, body: n.body });
  });
  return () => {
    offSnapshot();
    offNotification();
  };
}
