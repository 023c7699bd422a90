// Settings: each change is stored at once; the engine's objection is shown next to the field it concerns.
import { useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import { SERVICE_IDS, SERVICE_NAMES } from '../../../contracts/status.ts';
import { aggregatorUrlError, checkIntervalSeconds, clockTimeError } from '../view/settings-form.ts';
import { FieldError } from './FieldError.tsx';
import { AggregatorField } from './AggregatorField.tsx';
import { MessagesSettings } from './MessagesPanel.tsx';
import { LoginItemNote } from './LoginItemNote.tsx';

interface Props {
  api: MonitorApi;
  settings: Settings | null;
  /** Messages can be read here (macOS): show its opt-ins. */
  messagesAvailable?: boolean;
  update(patch: SettingsPatch): Promise<string | null>;
}

type Errors = Partial<Record<string, string | null>>;

/** The settings form. */
export function SettingsPanel({ api, settings, update, messagesAvailable = false }: Props) {
  const [errors, setErrors] = useState<Errors>({});
  const [interval, setIntervalText] = useState<string | null>(null);
  if (!settings) return <p className="panel muted">Loading settings…</p>;

  async function apply(field: string, patch: SettingsPatch): Promise<void> {
    const error = await update(patch);
    setErrors((e) => ({ ...e, [field]: error }));
  }
  function reject(field: string, error: string): void {
    setErrors((e) => ({ ...e, [field]: error }));
  }
  function applyInterval(): void {
    if (interval === null) return;
    const parsed = checkIntervalSeconds(interval);
    if ('error' in parsed) return reject('probeIntervalMs', parsed.error);
    void apply('probeIntervalMs', { probeIntervalMs: parsed.ms }).then(() => setIntervalText(null));
  }
  function applyQuiet(key: 'start' | 'end', value: string): void {
    const error = clockTimeError(value);
    if (error) return reject(`quiet-${key}`, error);
    void apply(`quiet-${key}`, { quietHours: { [key]: value } });
  }

  const intervalText = interval ?? String(Math.round(settings.probeIntervalMs / 1000));
  const browser = api.mode === 'browser';
  return (
    <form className="settings" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Checking</legend>
        <div className="field">
          <label htmlFor="interval">Check every (seconds)</label>
          <input
            id="interval"
            type="number"
            inputMode="numeric"
            value={intervalText}
            aria-invalid={Boolean(errors.probeIntervalMs)}
            aria-describedby="interval-error"
            onChange={(e) => setIntervalText(e.target.value)}
            onBlur={applyInterval}
            onKeyDown={(e) => e.key === 'Enter' && applyInterval()}
          />
          <FieldError id="interval-error" error={errors.probeIntervalMs} />
        </div>
        <Toggle
          id="official"
          label="Use Apple's status page"
          checked={settings.officialFeed}
          error={errors.officialFeed}
          onChange={(v) => void apply('officialFeed', { officialFeed: v })}
        />
        <Toggle
          id="community"
          label="Use community reports"
          checked={settings.communityReports}
          error={errors.communityReports}
          onChange={(v) => void apply('communityReports', { communityReports: v })}
        />
        <Toggle
          id="crowd-alerts"
          label="Alert when many people report an outage, even if my own checks pass"
          checked={settings.crowdAlerts}
          disabled={!settings.communityReports}
          error={errors.crowdAlerts}
          hint={settings.crowdAlerts ? undefined : "Only when this computer's checks fail or Apple confirms."}
          onChange={(v) => void apply('crowdAlerts', { crowdAlerts: v })}
        />
      </fieldset>

      <fieldset>
        <legend>Notifications</legend>
        {SERVICE_IDS.map((service) => (
          <div className="notify-row" key={service} role="group" aria-label={`${SERVICE_NAMES[service]} notifications`}>
            <span className="notify-name">{SERVICE_NAMES[service]}</span>
            {(['down', 'recovered'] as const).map((kind) => (
              <Toggle
                key={kind}
                id={`notify-${service}-${kind}`}
                label={kind === 'down' ? 'When down' : 'When back'}
                checked={settings.notifications[service][kind]}
                error={errors[`notify-${service}`]}
                onChange={(v) =>
                  void apply(`notify-${service}`, { notifications: { [service]: { ...settings.notifications[service], [kind]: v } } })
                }
              />
            ))}
          </div>
        ))}
        <Toggle
          id="quiet"
          label="Quiet hours"
          checked={settings.quietHours.enabled}
          error={errors.quiet}
          onChange={(v) => void apply('quiet', { quietHours: { enabled: v } })}
        />
        <div className="field inline">
          <label htmlFor="quiet-start">From</label>
          <input
            id="quiet-start"
            type="time"
            value={settings.quietHours.start}
            disabled={!settings.quietHours.enabled}
            aria-describedby="quiet-start-error"
            aria-invalid={Boolean(errors['quiet-start'])}
            onChange={(e) => applyQuiet('start', e.target.value)}
          />
          <label htmlFor="quiet-end">to</label>
          <input
            id="quiet-end"
            type="time"
            value={settings.quietHours.end}
            disabled={!settings.quietHours.enabled}
            aria-describedby="quiet-end-error"
            aria-invalid={Boolean(errors['quiet-end'])}
            onChange={(e) => applyQuiet('end', e.target.value)}
          />
        </div>
        <FieldError id="quiet-start-error" error={errors['quiet-start']} />
        <FieldError id="quiet-end-error" error={errors['quiet-end']} />
      </fieldset>

      <fieldset>
        <legend>Community server</legend>
        <AggregatorField
          api={api}
          saved={settings.aggregatorUrl}
          error={errors.aggregatorUrl}
          onSave={(url) => {
            const error = url.trim() === '' ? null : aggregatorUrlError(url);
            if (error) reject('aggregatorUrl', error);
            else void apply('aggregatorUrl', { aggregatorUrl: url.trim() });
          }}
        />
      </fieldset>

      {messagesAvailable && <MessagesSettings settings={settings} apply={(field, patch) => void apply(field, patch)} />}

      <fieldset>
        <legend>App</legend>
        <Toggle
          id="login"
          label="Open at login"
          checked={settings.launchAtLogin}
          disabled={browser}
          error={errors.launchAtLogin}
          hint={browser ? 'Only in the desktop app.' : undefined}
          onChange={(v) => void apply('launchAtLogin', { launchAtLogin: v })}
        />
        <LoginItemNote api={api} />
        <button type="button" className="button subtle" onClick={() => void api.quit()}>
          {browser ? 'Stop the monitor' : 'Quit'}
        </button>
      </fieldset>
    </form>
  );
}

interface ToggleProps {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  hint?: string | undefined;
  error?: string | null | undefined;
  onChange(value: boolean): void;
}

/** A labelled checkbox with its own error line. */
function Toggle({ id, label, checked, disabled, hint, error, onChange }: ToggleProps) {
  return (
    <div className="field toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-error`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <span className="hint">{hint}</span>}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
