// The aggregator address: validated before saving, with a "Test connection" that reports in words.
import { useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { ConnectionTest } from '../../../contracts/results.ts';
import { aggregatorUrlWarning } from '../view/aggregator-url-warning.ts';
import { aggregatorUrlError, errorMessage } from '../view/settings-form.ts';
import { FieldError } from './FieldError.tsx';

interface Props {
  api: MonitorApi;
  saved: string;
  error: string | null | undefined;
  onSave(url: string): void;
}

/** URL input, Save and Test connection. */
export function AggregatorField({ api, saved, error, onSave }: Props) {
  const [text, setText] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | 'testing' | null>(null);
  // The value last sent to Save: its error stays only until the user edits the address again.
  const [submitted, setSubmitted] = useState<string | null>(null);
  const value = text ?? saved;
  const shownError = error && value === submitted ? error : null;
  const warning = shownError ? null : aggregatorUrlWarning(value);

  function save(): void {
    setSubmitted(value);
    onSave(value);
  }

  async function runTest(): Promise<void> {
    const invalid = aggregatorUrlError(value);
    if (invalid) return setTest({ ok: false, message: invalid });
    setTest('testing');
    try {
      setTest(await api.testAggregator(value.trim()));
    } catch (err) {
      setTest({ ok: false, message: errorMessage(err) });
    }
  }

  return (
    <div className="field">
      <label htmlFor="aggregator">Community server address</label>
      <input
        id="aggregator"
        type="url"
        spellCheck={false}
        value={value}
        aria-invalid={Boolean(shownError)}
        aria-describedby="aggregator-error aggregator-warning aggregator-test"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && save()}
      />
      <div className="field-actions">
        <button type="button" className="button" disabled={value === saved && !shownError} onClick={save}>
          Save
        </button>
        <button type="button" className="button subtle" disabled={test === 'testing'} onClick={() => void runTest()}>
          {test === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <FieldError id="aggregator-error" error={shownError} />
      {warning ? (
        <p id="aggregator-warning" className="field-warning" role="note">
          {warning}
        </p>
      ) : null}
      <p
        id="aggregator-test"
        className={test && test !== 'testing' ? `test-result ${test.ok ? 'ok' : 'bad'}` : 'test-result'}
        role="status"
      >
        {test && test !== 'testing' ? `${test.ok ? '✓' : '✕'} ${test.message}` : ''}
      </p>
    </div>
  );
}
