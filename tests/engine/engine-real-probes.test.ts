// The engine with the real probe runner against loopback stand-ins for Apple's endpoints.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import type { Settings } from '../../contracts/settings.ts';
import type { AlertNotification } from '../../contracts/status.ts';
import { systemClock } from '../../main/engine/clock.ts';
import { createEngine } from '../../main/engine/engine.ts';
import type { MonitorEngine } from '../../main/engine/ports.ts';
import { CONNECTED_STATE, settableNetworkState, DISCONNECTED_STATE } from '../../main/engine/probes/network-state.ts';
import { createProbeRunner } from '../../main/engine/probes/round.ts';
import { SILENT_LOG } from '../../main/engine/log.ts';
import { LiveSettings } from '../../main/engine/live-settings.ts';
import { startAppleWorld, type AppleWorld } from '../../lab/net/apple-world.ts';

const EMPTY = { fetchedAt: null, stale: false, error: null, reach: 'shared' as const, services: {} };
let world: AppleWorld;
let engine: MonitorEngine | null = null;
const network = settableNetworkState(CONNECTED_STATE);

beforeAll(async () => {
  world = await startAppleWorld();
});
afterAll(async () => {
  await world.close();
});
afterEach(async () => {
  await engine?.stop();
  engine = null;
  for (const id of ['apns5223', 'apns443', 'ids', 'facetime', 'captive', 'internet'] as const) await world.set(id, 'up');
  network.set(CONNECTED_STATE);
});

function start(): { engine: MonitorEngine; notifications: AlertNotification[] } {
  let settings: Settings = { ...DEFAULT_SETTINGS, probeIntervalMs: 1_000 };
  const e = createEngine({
    clock: systemClock,
    probeRunner: createProbeRunner({ network }),
    targets: world.targets,
    // Generous: the probes that should work must finish inside it on busy cores (CI saw a TLS handshake pass 400 ms).
    timings: () => ({ timeoutMs: 2_500, slowMs: 2_000 }),
    official: { poll: async () => EMPTY, current: () => EMPTY, nextPollDelay: (ms) => ms },
    community: { poll: async () => EMPTY, current: () => EMPTY },
    reporter: { submit: async () => ({ result: 'queued', message: '' }), flush: async () => 0, pending: () => 0 },
    history: {
      trend: async () => ({ ok: false, error: 'none' }),
      incidents: async () => ({ ok: false, error: 'none' }),
      incidentSummary: async () => ({ ok: false, error: 'none' }),
    },
    settings: new LiveSettings({ load: () => settings, save: (s) => (settings = s) }, SILENT_LOG),
    testAggregator: async () => ({ ok: false, message: 'none' }),
  });
  const notifications: AlertNotification[] = [];
  e.onNotification((n) => notifications.push(n));
  engine = e;
  return { engine: e, notifications };
}

describe('engine with real probes on loopback', () => {
  it('healthy world: online and operational', async () => {
    const { engine: e } = start();
    const s = await e.checkNow();
    expect(s.local.verdict).toBe('online');
    expect(s.services.imessage.state).toBe('operational');
    expect(s.services.facetime.state).toBe('operational');
    expect(s.overall.headline).toBe('All good');
  });

  it('push refused and identity 503: down alerts after two rounds, with the evidence in words', async () => {
    const { engine: e, notifications } = start();
    await e.checkNow();
    await world.set('apns5223', 'refuse');
    await world.set('apns443', 'refuse');
    await world.set('ids', 'http-503');
    await e.checkNow();
    expect(notifications).toEqual([]);
    const s = await e.checkNow();
    expect(s.services.imessage.state).toBe('outage');
    expect(notifications.map((n) => `${n.service}:${n.kind}`)).toEqual(['imessage:down', 'facetime:down']);
    expect(notifications[0]?.body).toBe(
      // The reason's first sentence; the platform's text-message tip follows only when the body stays within 110 characters.
      'Push servers refuse connections and identity services answer 503; the rest of the internet works.',
    );
  });

  it('port 5223 blocked: noted, not an outage', async () => {
    const { engine: e, notifications } = start();
    await world.set('apns5223', 'timeout');
    for (let i = 0; i < 3; i += 1) await e.checkNow();
    const s = e.snapshot();
    expect(s.services.imessage.state).toBe('operational');
    expect(s.local.notes.map((n) => n.kind)).toContain('port-5223-blocked');
    expect(notifications).toEqual([]);
  });

  it('link down: offline, no alert', async () => {
    const { engine: e, notifications } = start();
    await e.checkNow();
    network.set(DISCONNECTED_STATE);
    const s = await e.checkNow();
    expect(s.local.verdict).toBe('offline');
    await e.checkNow();
    expect(notifications).toEqual([]);
  });

  it('captive portal: says so, no alert', async () => {
    const { engine: e, notifications } = start();
    await e.checkNow();
    await world.set('captive', 'portal');
    await e.checkNow();
    const s = await e.checkNow();
    expect(s.local.verdict).toBe('captive');
    expect(s.overall.headline).toBe('Wi-Fi login page in the way');
    expect(notifications).toEqual([]);
  });

  it('on its own schedule: alerts once for an outage and once for the recovery', async () => {
    const { engine: e, notifications } = start();
    const waitFor = async (what: () => boolean) => {
      for (let i = 0; i < 600 && !what(); i += 1) await new Promise((r) => setTimeout(r, 50)); // 30 s: rounds run late when busy
      expect(what()).toBe(true);
    };
    e.start();
    await waitFor(() => e.snapshot().services.imessage.state === 'operational');
    await world.set('apns5223', 'refuse');
    await world.set('apns443', 'refuse');
    await world.set('ids', 'http-503');
    await waitFor(() => notifications.length >= 2);
    const roundAtDown = e.snapshot().round;
    await waitFor(() => e.snapshot().round >= roundAtDown + 2);
    for (const id of ['apns5223', 'apns443', 'ids'] as const) await world.set(id, 'up');
    await waitFor(() => notifications.length >= 4);
    expect(notifications.map((n) => `${n.service}:${n.kind}`)).toEqual([
      'imessage:down',
      'facetime:down',
      'imessage:recovered',
      'facetime:recovered',
    ]);
  });
});
