// The CLI table says plainly who the community reports come from.
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../main/cli/table.ts';
import { healthySnapshot } from '../renderer/fixtures.ts';

describe('renderTable community reach', () => {
  it('says when only this computer reports to the server, and points to the setting', () => {
    const s = healthySnapshot();
    s.community = { ...s.community, reach: 'this-computer' };
    expect(renderTable(s)).toContain(
      "Only this computer (or your network) reports to this community server: no one else's reports are counted.",
    );
    expect(renderTable(s)).toContain('Settings → Community server');
  });
  it('says when it is not connected at all', () => {
    const s = healthySnapshot();
    s.community = { ...s.community, reach: 'none' };
    expect(renderTable(s)).toContain('Not connected to a community server');
  });
  it('adds nothing for a shared server', () => {
    expect(renderTable(healthySnapshot())).not.toMatch(/Only this computer|Not connected/);
  });
});
