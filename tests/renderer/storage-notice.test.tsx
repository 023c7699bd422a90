// @vitest-environment jsdom
// A disk that refused a save is never silent: the popover says what could not be saved and why.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { ScriptedMonitor, healthySnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

describe('storage notice', () => {
  it('shows the engine’s sentence when something could not be saved', async () => {
    const s = healthySnapshot();
    s.storageProblem = 'Settings could not be saved (ENOSPC: no space left on device); your changes last until the app quits.';
    render(<App api={new ScriptedMonitor(s)} />);
    const notice = await screen.findByTestId('storage-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('Settings could not be saved (ENOSPC: no space left on device)');
  });

  it('shows nothing while everything is saved', async () => {
    render(<App api={new ScriptedMonitor(healthySnapshot())} />);
    await screen.findByTestId('service-imessage');
    expect(screen.queryByTestId('storage-notice')).toBeNull();
  });
});
