// @vitest-environment jsdom
// Apple's open incident on a service row: users affected, the other Apple services in the same event, the lead.
import { cleanup, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { ScriptedMonitor, imessageOutageSnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

/** The outage fixture with Apple's event shared with other services, starting `appleAfterMs` after this computer saw it. */
function sharedIncident(appleAfterMs: number) {
  const s = imessageOutageSnapshot();
  const official = s.services.imessage.evidence.official!;
  official.start = s.services.imessage.since! + appleAfterMs;
  official.usersAffected = 'Some users are affected';
  official.otherServices = ['iCloud Account & Sign In', 'HomeKit'];
  return s;
}

describe("Apple's incident on the main view", () => {
  it('names the other services in the event, Apple\'s "users affected" and how long before Apple this computer saw it', async () => {
    render(<App api={new ScriptedMonitor(sharedIncident(8 * 60_000))} />);
    const line = await screen.findByTestId('apple-incident-imessage');
    expect(line.textContent).toBe(
      "Apple's status page: Some users are affected. Same incident: iCloud Account & Sign In, HomeKit. Seen here 8 min before Apple.",
    );
    expect(within(screen.getByTestId('service-facetime')).queryByTestId('apple-incident-facetime')).toBeNull();
  });

  it('claims no lead when Apple was first', async () => {
    render(<App api={new ScriptedMonitor(sharedIncident(-60_000))} />);
    expect((await screen.findByTestId('apple-incident-imessage')).textContent).not.toContain('before Apple');
  });

  it("shows nothing once Apple calls it resolved, or when the user turned Apple's feed off", async () => {
    const resolved = sharedIncident(60_000);
    resolved.services.imessage.evidence.official!.state = 'ok';
    render(<App api={new ScriptedMonitor(resolved)} />);
    await screen.findByTestId('service-imessage');
    expect(screen.queryByTestId('apple-incident-imessage')).toBeNull();
    cleanup();

    const api = new ScriptedMonitor(sharedIncident(60_000));
    api.settings = { ...api.settings, officialFeed: false };
    render(<App api={api} />);
    await screen.findByText(/Push servers refuse connections/);
    expect(screen.queryByTestId('apple-incident-imessage')).toBeNull();
  });
});
