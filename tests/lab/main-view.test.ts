// The `shows` expectation's view: the real popover components rendered with react-dom/server from a snapshot.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { loadMainView, viewContains, visibleText } from '../../lab/main-view.ts';
import { healthySnapshot, imessageOutageSnapshot } from '../renderer/fixtures.ts';

describe("the popover's main view as text", () => {
  it('strips tags, joins text React split with comments, decodes entities, collapses white space', () => {
    expect(visibleText('<p class="x">iCloud Account<!-- --> &amp; Sign In</p>\n<li>HomeKit</li><li>APNS</li>')).toBe(
      'iCloud Account & Sign In HomeKit APNS',
    );
    expect(viewContains('Same incident: iCloud Account & Sign In', 'icloud   account')).toBe(true);
    expect(viewContains('All good', 'HomeKit')).toBe(false);
  });

  it('renders the real components: the rows, their words and reasons', async () => {
    const view = await loadMainView();
    const down = view(imessageOutageSnapshot(), DEFAULT_SETTINGS);
    expect(down).toContain('iMessage is down — not just you');
    expect(down).toContain('Push servers refuse connections; reference hosts reachable.');
    expect(viewContains(view(healthySnapshot(), DEFAULT_SETTINGS), 'not just you')).toBe(false);
  });
});
