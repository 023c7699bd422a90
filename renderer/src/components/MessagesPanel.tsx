// This Mac's own Messages as evidence: what the counts say, the Full Disk Access step, a one-click report with them.
import { useState } from 'react';
import { FULL_DISK_ACCESS_URL, type MessagesStatus } from '../../../contracts/messages.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import { errorMessage } from '../view/settings-form.ts';

interface PanelProps {
  api: MonitorApi;
  status: MessagesStatus;
}

/** The Messages card: shown only while the source is on (opted in, or a database path was given). */
export function MessagesPanel({ api, status }: PanelProps) {
  const [said, setSaid] = useState<string | null>(null);
  if (status.state === 'off') return null;
  const counts = status.counts;
  async function report(): Promise<void> {
    try {
      // The engine attaches the counts shown here to the report.
      const outcome = await api.report({ service: 'imessage', kind: 'problem', problem: 'not-delivered' });
      setSaid(outcome.message);
    } catch (err) {
      setSaid(errorMessage(err));
    }
  }
  return (
    <section className="panel messages" aria-labelledby="messages-title" data-testid="messages" data-state={status.state}>
      <h2 id="messages-title" className="section-title">
        This Mac's iMessages
      </h2>
      <p>{status.message}</p>
      {status.state === 'no-permission' && (
        <button
          type="button"
          className="button"
          onClick={() => void api.openExternal(FULL_DISK_ACCESS_URL).catch((e: unknown) => setSaid(errorMessage(e)))}
        >
          Open Full Disk Access settings
        </button>
      )}
      {status.failing && counts && (
        <button type="button" className="button" onClick={() => void report()}>
          Report: {counts.failedSinceDelivery} iMessages to {counts.recipientsSinceDelivery} people not delivered
        </button>
      )}
      {said && (
        <p className="muted" role="status">
          {said}
        </p>
      )}
    </section>
  );
}

interface SettingsProps {
  settings: Settings;
  apply(field: string, patch: SettingsPatch): void;
}

/** The two opt-ins; the settings panel shows them only where Messages can be read (macOS). */
export function MessagesSettings({ settings, apply }: SettingsProps) {
  return (
    <fieldset>
      <legend>This Mac's Messages</legend>
      <div className="field toggle">
        <input
          id="messages-source"
          type="checkbox"
          checked={settings.messagesSource}
          onChange={(e) => apply('messagesSource', { messagesSource: e.target.checked })}
        />
        <label htmlFor="messages-source">Count my failed iMessages</label>
        <span className="hint">
          Reads only counts (sent, failed, how many people) from Messages, never text or who. Needs Full Disk Access.
        </span>
      </div>
      <div className="field toggle">
        <input
          id="messages-auto-report"
          type="checkbox"
          checked={settings.messagesAutoReport}
          disabled={!settings.messagesSource}
          onChange={(e) => apply('messagesAutoReport', { messagesAutoReport: e.target.checked })}
        />
        <label htmlFor="messages-auto-report">Report automatically when my iMessages fail</label>
        <span className="hint">One problem report per outage, with the counts.</span>
      </div>
    </fieldset>
  );
}
