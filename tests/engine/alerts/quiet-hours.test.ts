// Quiet hours on their own: whether a time falls in the window, and parsing HH:MM.
import { describe, expect, it } from 'vitest';
import { inQuietHours, parseClockTime } from '../../../main/engine/alerts/quiet-hours.ts';
import { at, utcMinutes } from './decide-fixtures.ts';

describe('quiet hours', () => {
  const window = (start: string, end: string) => ({ enabled: true, start, end });
  it.each([
    ['22:00', '07:00', at(22), true],
    ['22:00', '07:00', at(23, 59), true],
    ['22:00', '07:00', at(0), true],
    ['22:00', '07:00', at(6, 59), true],
    ['22:00', '07:00', at(7), false],
    ['22:00', '07:00', at(21, 59), false],
    ['13:00', '14:00', at(13, 30), true],
    ['13:00', '14:00', at(14), false],
    ['09:00', '09:00', at(9), false],
  ] as const)('%s–%s at %i → %s', (start, end, t, expected) => {
    expect(inQuietHours(window(start, end), t, utcMinutes)).toBe(expected);
  });
  it('disabled means never', () => {
    expect(inQuietHours({ enabled: false, start: '00:00', end: '23:59' }, at(12), utcMinutes)).toBe(false);
  });
  it('parses only HH:MM', () => {
    expect(parseClockTime('07:05')).toBe(425);
    expect(parseClockTime('24:00')).toBeNull();
    expect(parseClockTime('7:05')).toBeNull();
  });
});
