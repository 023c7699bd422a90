// The popover may open exactly one System Settings pane: Full Disk Access, for the Messages source.
import { describe, expect, it } from 'vitest';
import { FULL_DISK_ACCESS_URL } from '../../contracts/messages.ts';
import { externalUrlOnAllowList } from '../../main/popover/url-policy.ts';

describe('System Settings link', () => {
  it('opens the Full Disk Access pane, and nothing near it', () => {
    expect(externalUrlOnAllowList(FULL_DISK_ACCESS_URL, [])).toBe(true);
    expect(externalUrlOnAllowList('x-apple.systempreferences:com.apple.preference.security?Privacy_Camera', [])).toBe(false);
    expect(externalUrlOnAllowList(`${FULL_DISK_ACCESS_URL}&x=1`, [])).toBe(false);
    expect(externalUrlOnAllowList('x-apple.systempreferences:', [])).toBe(false);
  });
});
