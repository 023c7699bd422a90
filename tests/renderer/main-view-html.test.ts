// The lab's `shows` reads the main view rendered on the server: the crowd summary and the lead must be in that text.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { visibleText } from '../../lab/main-view.ts';
import { mainViewHtml } from '../../renderer/src/main-view-html.tsx';
import { NOW, imessageOutageSnapshot } from './fixtures.ts';

describe("main view as text (the lab's `shows`)", () => {
  it('holds the problem shares, where the networks are and the lead on Apple', () => {
    const s = imessageOutageSnapshot();
    Object.assign(s.services.imessage.evidence.community!, {
      reportsLastHour: 100,
      topProblems: [
        { problem: 'not-delivered', count: 72 },
        { problem: 'cannot-sign-in', count: 18 },
        { problem: 'other', count: 10 },
      ],
      networksInWindow: 40,
      topCountries: [{ country: 'FR', networks: 40 }],
    });
    s.services.imessage.incident = { seenAt: NOW - 50 * 60_000, appleShownAt: NOW - 8 * 60_000, lead: { kind: 'ahead', ms: 42 * 60_000 } };
    const text = visibleText(mainViewHtml(s, DEFAULT_SETTINGS));
    expect(text).toContain("Reported Not delivered 72 % · Can't sign in 18 % · Other 10 %");
    expect(text).toContain(`Where ${new Intl.DisplayNames(undefined, { type: 'region' }).of('FR')} only`);
    expect(text).toContain("Seen here 42 min before Apple's status page.");
  });
});
