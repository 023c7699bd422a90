// The popover: header, services, "Is it just me?", history; or the settings panel.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import { DEFAULT_SETTINGS } from '../../../contracts/settings.ts';
import { SERVICE_IDS, type ServiceId, type Snapshot } from '../../../contracts/status.ts';
import { useMonitor, type InitialLoad } from '../hooks/use-monitor.ts';
import { useNow } from '../hooks/use-now.ts';
import { CommunityNotice } from './CommunityNotice.tsx';
import { Header } from './Header.tsx';
import { HeldOutages } from './HeldOutages.tsx';
import { LazyHistoryPanels, LazySettingsPanel } from './LazyPanels.tsx';
import { LocalPanel } from './LocalPanel.tsx';
import { MessagesPanel } from './MessagesPanel.tsx';
import { ServiceRow } from './ServiceRow.tsx';
import { ServiceSkeleton } from './ServiceSkeleton.tsx';
import { ShellNotices } from './ShellNotices.tsx';
import { SnoozeBar } from './SnoozeBar.tsx';
import { StorageNotice } from './StorageNotice.tsx';
import { useEscapeToHide } from '../hooks/use-escape-to-hide.ts';

/** Name of the performance mark set when the first snapshot is on screen (read by bench/popover.ts). */
export const FIRST_DATA_MARK = 'popover:first-data';

/** A key that changes when the service's community numbers do, so its chart is refetched. */
function historyVersion(snapshot: Snapshot | null, service: ServiceId): string {
  const c = snapshot?.community.services[service];
  return c ? `${c.status}:${c.reportsLastHour}:${c.since}` : 'none';
}

/** The whole popover for one MonitorApi. */
export function App({ api, initial }: { api: MonitorApi; initial?: InitialLoad }) {
  const monitor = useMonitor(api, initial);
  const { snapshot, settings } = monitor;
  const now = useNow(5_000);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [historyForce, setHistoryForce] = useState(0);
  const [bellError, setBellError] = useState<string | null>(null);
  const marked = useRef(false);

  // Layout effect: the mark lands at commit, not after the next paint.
  useLayoutEffect(() => {
    if (snapshot && !marked.current) {
      marked.current = true;
      performance.mark(FIRST_DATA_MARK);
    }
  }, [snapshot]);

  // Escape leaves Settings, as in a native popover; outside Settings it hides the popover.
  useEscapeToHide(api, settingsOpen);
  useEffect(() => {
    if (!settingsOpen) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setSettingsOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [settingsOpen]);

  async function checkNow(): Promise<void> {
    setBusy(true);
    await monitor.checkNow();
    setBusy(false);
  }

  async function toggleBell(service: ServiceId, on: boolean): Promise<void> {
    const current = settings?.notifyWhenBack ?? DEFAULT_SETTINGS.notifyWhenBack;
    setBellError(await monitor.updateSettings({ notifyWhenBack: { ...current, [service]: on } }));
  }

  const intervalMs = settings?.probeIntervalMs ?? DEFAULT_SETTINGS.probeIntervalMs;
  // When the user's own network is the problem, that answer goes first.
  const localFirst = snapshot !== null && snapshot.local.verdict !== 'online' && snapshot.local.verdict !== 'unknown';
  return (
    <div className="popover">
      <Header
        snapshot={snapshot}
        now={now}
        intervalMs={intervalMs}
        busy={busy}
        settingsOpen={settingsOpen}
        onCheckNow={() => void checkNow()}
        onToggleSettings={() => setSettingsOpen((o) => !o)}
      />
      <main className="content" aria-busy={!snapshot}>
        {monitor.error && (
          <p className="banner bad" role="alert">
            <span aria-hidden="true">⚠ </span>
            {monitor.error}
          </p>
        )}
        <ShellNotices api={api} />
        {snapshot?.storageProblem && <StorageNotice problem={snapshot.storageProblem} />}
        {settingsOpen ? (
          <LazySettingsPanel
            api={api}
            settings={settings}
            update={monitor.updateSettings}
            messagesAvailable={snapshot?.messages !== undefined}
          />
        ) : (
          <>
            {snapshot && <CommunityNotice api={api} snapshot={snapshot} communityOn={settings?.communityReports ?? true} />}
            {snapshot && <SnoozeBar snoozedUntil={snapshot.snoozedUntil} now={now} update={monitor.updateSettings} />}
            {bellError && (
              <p className="banner bad" role="alert">
                Could not change the notification: {bellError}
              </p>
            )}
            {localFirst && snapshot && <LocalPanel local={snapshot.local} />}
            <ul className="services" aria-label="Services">
              {SERVICE_IDS.map((service) =>
                snapshot ? (
                  <ServiceRow
                    key={service}
                    api={api}
                    service={service}
                    snapshot={snapshot}
                    settings={settings}
                    now={now}
                    onToggleBell={(s, on) => void toggleBell(s, on)}
                    onReportSent={() => setHistoryForce((f) => f + 1)}
                  />
                ) : (
                  <ServiceSkeleton key={service} service={service} />
                ),
              )}
            </ul>
            {!localFirst &&
              (snapshot ? <LocalPanel local={snapshot.local} /> : <div className="panel skeleton-block" aria-hidden="true" />)}
            {snapshot?.messages && <MessagesPanel api={api} status={snapshot.messages} />}
            {snapshot?.heldOutages && <HeldOutages outages={snapshot.heldOutages} now={now} />}
            <LazyHistoryPanels
              panels={SERVICE_IDS.map((service) => ({
                api,
                service,
                now,
                version: historyVersion(snapshot, service),
                force: historyForce,
                baselineFromHistory: snapshot?.community.services[service]?.baselineFromHistory === true,
              }))}
            />
          </>
        )}
      </main>
    </div>
  );
}
