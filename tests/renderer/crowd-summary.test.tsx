// @vitest-environment jsdom
// A service with problems shows what people report (shares of the hour's problem reports) and where they are.
import { cleanup, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommunityServiceStatus, Snapshot } from '../../contracts/status.ts';
import { App } from '../../renderer/src/components/App.tsx';
import { ScriptedMonitor, imessageOutageSnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

const region = (code: string) => new Intl.DisplayNames(undefined, { type: 'region' }).of(code);

/** iMessage down with 250 problem reports in the hour and networks in three countries. */
function crowded(over: Partial<CommunityServiceStatus> = {}): Snapshot {
  const s = imessageOutageSnapshot();
  Object.assign(s.services.imessage.evidence.community!, {
    reportsLastHour: 250,
    topProblems: [
      { problem: 'not-delivered', count: 180 },
      { problem: 'cannot-sign-in', count: 45 },
      { problem: 'other', count: 25 },
    ],
    networksInWindow: 150,
    topCountries: [
      { country: 'US', networks: 90 },
      { country: 'DE', networks: 40 },
      { country: 'GB', networks: 20 },
    ],
    ...over,
  });
  return s;
}

async function summary(snapshot: Snapshot, api = new ScriptedMonitor(snapshot)): Promise<HTMLElement | null> {
  render(<App api={api} />);
  await screen.findByTestId('service-imessage');
  return screen.queryByTestId('crowd-summary-imessage');
}

describe('crowd summary on a service with problems', () => {
  it('lists the top three problem kinds with their shares, and where most networks are', async () => {
    const dl = (await summary(crowded()))!;
    const shares = within(dl).getByRole('list', { name: /Problems people report/ });
    expect(
      within(shares)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace(/\s+/g, ' ')),
    ).toEqual(['Not delivered 72 %', " · Can't sign in 18 %", ' · Other 10 %']);
    expect(within(dl).getByText(`Mostly ${region('US')} · 3 countries`)).toBeTruthy();
    expect(screen.queryByTestId('crowd-summary-facetime')).toBeNull();
  });

  it('names the leading countries when none holds most networks, and leaves out what the server did not send', async () => {
    const dl = (await summary(crowded({ topProblems: [], networksInWindow: 200 })))!;
    expect(within(dl).queryByRole('list')).toBeNull();
    expect(dl.textContent).toBe(`Where${region('US')}, ${region('DE')} and 1 more`);
  });

  it('stays away while the service works, when only this computer reports, or with community reports off', async () => {
    const working = crowded();
    working.services.imessage.state = 'operational';
    expect(await summary(working)).toBeNull();
    cleanup();

    const alone = crowded();
    alone.community.reach = 'this-computer';
    expect(await summary(alone)).toBeNull();
    cleanup();

    const api = new ScriptedMonitor(crowded());
    api.settings = { ...api.settings, communityReports: false };
    expect(await summary(api.snapshot, api)).toBeNull();
  });
});
