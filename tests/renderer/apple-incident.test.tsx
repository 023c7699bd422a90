// @vitest-environment jsdom
// Apple's open incident on a service row (users affected, the other Apple services in the same event) and, while the
// service has problems, the engine's lead: how this computer's view compares with Apple's status page.
import { cleanup, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Lead, Snapshot } from '../../contracts/status.ts';
import { App } from '../../renderer/src/components/App.tsx';
import { NOW, ScriptedMonitor, imessageOutageSnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

/** The outage fixture with Apple's event shared with other services, and the engine's lead on the verdict. */
function sharedIncident(lead: Lead | null): Snapshot {
  const s = imessageOutageSnapshot();
  const official = s.services.imessage.evidence.official!;
  official.usersAffected = 'Some users are affected';
  official.otherServices = ['iCloud Account & Sign In', 'HomeKit'];
  if (lead) s.services.imessage.incident = { seenAt: NOW - 12 * 60_000, appleShownAt: null, lead };
  return s;
}

async function appleLine(snapshot: Snapshot): Promise<string | null> {
  render(<App api={new ScriptedMonitor(snapshot)} />);
  await screen.findByTestId('service-imessage');
  return screen.queryByTestId('apple-incident-imessage')?.textContent ?? null;
}

describe("Apple's incident on the main view", () => {
  it('names the other services in the event, Apple\'s "users affected" and how long before Apple this computer saw it', async () => {
    expect(await appleLine(sharedIncident({ kind: 'ahead', ms: 8 * 60_000 }))).toBe(
      "Apple's status page: Some users are affected. Same incident: iCloud Account & Sign In, HomeKit. Seen here 8 min before Apple's status page.",
    );
    expect(within(screen.getByTestId('service-facetime')).queryByTestId('apple-incident-facetime')).toBeNull();
  });

  it('says when Apple was first, or at the same time, and claims no lead then', async () => {
    const line = await appleLine(sharedIncident({ kind: 'apple-first', ms: 3 * 60_000 }));
    expect(line).toContain("Apple's page showed it 3 min earlier.");
    expect(line).not.toContain('before Apple');
    cleanup();
    expect(await appleLine(sharedIncident({ kind: 'same-time' }))).toContain("Apple's page showed it at the same time.");
  });

  it("says Apple's page doesn't show it yet while only this computer and the crowd see it", async () => {
    const s = sharedIncident({ kind: 'unconfirmed' });
    s.services.imessage.evidence.official = null;
    expect(await appleLine(s)).toBe("Apple's page doesn't show it yet.");
  });

  it("never says Apple's page doesn't show it while the page shows maintenance for the service", async () => {
    const s = sharedIncident({ kind: 'unconfirmed' });
    s.services.imessage.evidence.official!.state = 'maintenance';
    const line = await appleLine(s);
    expect(line).toContain("Apple's status page: Some users are affected.");
    expect(line).not.toContain("doesn't show it");
  });

  it('shows no lead once the service is working again or its state is unknown (asleep, offline)', async () => {
    for (const state of ['operational', 'unknown'] as const) {
      const s = sharedIncident({ kind: 'unconfirmed' });
      s.services.imessage.state = state;
      s.services.imessage.evidence.official = null;
      expect(await appleLine(s)).toBeNull();
      cleanup();
    }
  });

  it("shows nothing once Apple calls it resolved with no incident open, or when the user turned Apple's feed off", async () => {
    const resolved = sharedIncident(null);
    resolved.services.imessage.evidence.official!.state = 'ok';
    expect(await appleLine(resolved)).toBeNull();
    cleanup();

    const api = new ScriptedMonitor(sharedIncident({ kind: 'ahead', ms: 60_000 }));
    api.settings = { ...api.settings, officialFeed: false };
    render(<App api={api} />);
    await screen.findByText(/Push servers refuse connections/);
    expect(screen.queryByTestId('apple-incident-imessage')).toBeNull();
  });
});
