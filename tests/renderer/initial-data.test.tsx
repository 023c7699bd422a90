// @vitest-environment jsdom
// Browser mode's page brings the first snapshot and settings: the popover renders them in its first commit and asks
// the bridge for nothing; a missing or broken data block leaves it asking as before.
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { INITIAL_DATA_ELEMENT_ID } from '../../contracts/popover-page.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { takeInitialData } from '../../renderer/src/bridge/initial-data.ts';
import { App } from '../../renderer/src/components/App.tsx';
import { initialLoadFrom } from '../../renderer/src/hooks/use-monitor.ts';
import { withClockAtNow } from './clock.ts';
import { ScriptedMonitor, healthySnapshot, imessageOutageSnapshot } from './fixtures.ts';

withClockAtNow();

function putBlock(text: string, type = 'application/json'): void {
  const block = document.createElement('script');
  block.type = type;
  block.id = INITIAL_DATA_ELEMENT_ID;
  block.textContent = text;
  document.body.append(block);
}

afterEach(() => document.getElementById(INITIAL_DATA_ELEMENT_ID)?.remove());

describe('first data from the page', () => {
  it('reads the data block once and removes it', () => {
    const data = { snapshot: healthySnapshot(), settings: { ...DEFAULT_SETTINGS, crowdAlerts: false } };
    putBlock(JSON.stringify(data));
    expect(takeInitialData()).toEqual(data);
    expect(document.getElementById(INITIAL_DATA_ELEMENT_ID)).toBeNull();
    expect(takeInitialData()).toBeNull();
  });

  it('ignores a block that is missing, of another type, not JSON, or not a snapshot and settings', () => {
    expect(takeInitialData()).toBeNull();
    for (const [text, type] of [
      [JSON.stringify({ snapshot: healthySnapshot(), settings: DEFAULT_SETTINGS }), 'text/plain'],
      ['{"snapshot":', 'application/json'],
      ['[]', 'application/json'],
      [JSON.stringify({ snapshot: { round: '7' }, settings: DEFAULT_SETTINGS }), 'application/json'],
      [JSON.stringify({ snapshot: healthySnapshot() }), 'application/json'],
    ] as const) {
      putBlock(text, type);
      expect(takeInitialData()).toBeNull();
      document.getElementById(INITIAL_DATA_ELEMENT_ID)?.remove();
    }
  });

  it('renders the data in the first commit without asking the bridge for it', () => {
    const api = new ScriptedMonitor(healthySnapshot());
    let asked = 0;
    api.getSnapshot = async () => {
      asked += 1;
      return api.snapshot;
    };
    api.getSettings = async () => {
      asked += 1;
      return api.settings;
    };
    const snapshot = imessageOutageSnapshot();
    render(<App api={api} initial={initialLoadFrom({ snapshot, settings: DEFAULT_SETTINGS })} />);
    // No await: the rows are there right after the first render.
    expect(screen.getByTestId('service-imessage').dataset.state).toBe('outage');
    expect(within(screen.getByTestId('service-imessage')).getByText('Down')).toBeTruthy();
    expect(performance.getEntriesByName('popover:first-data')).toHaveLength(1);
    expect(asked).toBe(0);
    // Still live: the stream's next snapshot replaces it.
    expect(api.listeners.size).toBe(1);
  });
});
