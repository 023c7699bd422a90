import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../contracts/settings.ts';
import { jsonFileSettingsStore } from '../../../main/engine/settings/json-file-store.ts';
import { migrateSettings } from '../../../main/engine/settings/migrate.ts';
import { SettingsError, applySettingsPatch, validateSettingsPatch } from '../../../main/engine/settings/validate.ts';

function fieldOf(input: unknown): string {
  try {
    validateSettingsPatch(input);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as SettingsError).field;
  }
  return 'valid';
}

describe('validateSettingsPatch', () => {
  it('accepts a valid partial change and normalises the aggregator URL', () => {
    expect(
      validateSettingsPatch({
        probeIntervalMs: 30_000,
        quietHours: { start: '23:30' },
        aggregatorUrl: ' https://status.example.org/ ',
        notifyWhenBack: { facetime: true },
      }),
    ).toEqual({
      probeIntervalMs: 30_000,
      quietHours: { start: '23:30' },
      aggregatorUrl: 'https://status.example.org',
      notifyWhenBack: { facetime: true },
    });
  });

  it.each([
    [null, 'settings'],
    [[], 'settings'],
    [{ colour: 'red' }, 'colour'],
    [{ constructor: {} }, 'constructor'],
    [JSON.parse('{"__proto__":{"probeIntervalMs":5}}'), '__proto__'],
    [{ probeIntervalMs: '60000' }, 'probeIntervalMs'],
    [{ probeIntervalMs: 999 }, 'probeIntervalMs'],
    [{ officialPollMs: 3_600_001 }, 'officialPollMs'],
    [{ communityPollMs: 1500.5 }, 'communityPollMs'],
    [{ communityPollMs: Number.NaN }, 'communityPollMs'],
    [{ launchAtLogin: 'yes' }, 'launchAtLogin'],
    [{ quietHours: { start: '24:00' } }, 'quietHours.start'],
    [{ quietHours: { end: '7:00' } }, 'quietHours.end'],
    [{ quietHours: { enabled: 1 } }, 'quietHours.enabled'],
    [{ quietHours: { mode: 'x' } }, 'quietHours.mode'],
    [{ quietHours: 'always' }, 'quietHours'],
    [{ notifications: { imessage: { down: 'no' } } }, 'notifications.imessage.down'],
    [{ notifications: { mail: { down: true, recovered: true } } }, 'notifications.mail'],
    [{ notifications: { facetime: { loud: true } } }, 'notifications.facetime.loud'],
    [{ notifyWhenBack: { imessage: null } }, 'notifyWhenBack.imessage'],
    [{ aggregatorUrl: 'ftp://example.org' }, 'aggregatorUrl'],
    [{ aggregatorUrl: 'javascript:alert(1)' }, 'aggregatorUrl'],
    [{ aggregatorUrl: 'http://' }, 'aggregatorUrl'],
    [{ aggregatorUrl: 'not a url' }, 'aggregatorUrl'],
    [{ aggregatorUrl: 'https://user:pw@example.org' }, 'aggregatorUrl'],
    [{ aggregatorUrl: 42 }, 'aggregatorUrl'],
    [{ schemaVersion: 2 }, 'schemaVersion'],
  ])('rejects %j naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('applies a patch one level deep without touching the current settings', () => {
    const current = structuredClone(DEFAULT_SETTINGS);
    const next = applySettingsPatch(
      current,
      validateSettingsPatch({ notifications: { imessage: { down: false } }, quietHours: { enabled: true }, communityReports: false }),
    );
    expect(next.notifications).toEqual({ imessage: { down: false, recovered: true }, facetime: { down: true, recovered: true } });
    expect(next.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    expect(next.communityReports).toBe(false);
    expect(current).toEqual(DEFAULT_SETTINGS);
  });
});

describe('migrateSettings', () => {
  it('fills defaults for nothing and for non-objects', () => {
    expect(migrateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    const fromJunk = migrateSettings('hello');
    expect(fromJunk.settings).toEqual(DEFAULT_SETTINGS);
    expect(fromJunk.problems).toHaveLength(1);
  });

  it('keeps every good field and drops each bad one separately, saying which', () => {
    const { settings, problems } = migrateSettings({
      schemaVersion: 1,
      probeIntervalMs: 5,
      officialPollMs: 300_000,
      quietHours: { enabled: true, start: '25:00', end: '06:30' },
      notifications: { imessage: { down: false, recovered: 'sure' }, mail: {} },
      junk: { deep: true },
      aggregatorUrl: 'https://agg.example.org',
    });
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      officialPollMs: 300_000,
      quietHours: { enabled: true, start: '22:00', end: '06:30' },
      notifications: { imessage: { down: false, recovered: true }, facetime: { down: true, recovered: true } },
      aggregatorUrl: 'https://agg.example.org',
    });
    expect(problems.join('\n')).toMatch(/probeIntervalMs/);
    expect(problems.join('\n')).toMatch(/quietHours\.start/);
    expect(problems.join('\n')).toMatch(/notifications\.imessage\.recovered/);
    expect(problems.join('\n')).toMatch(/notifications\.mail/);
    expect(problems.join('\n')).toMatch(/junk/);
  });

  it('upgrades the unversioned shape', () => {
    const { settings, problems } = migrateSettings({
      probeIntervalSec: 30,
      notificationsEnabled: false,
      quietStart: '21:00',
      quietEnd: '08:00',
      aggregator: 'http://10.0.0.5:8787/',
    });
    expect(settings).toMatchObject({
      schemaVersion: 1,
      probeIntervalMs: 30_000,
      notifications: { imessage: { down: false, recovered: false }, facetime: { down: false, recovered: false } },
      quietHours: { enabled: true, start: '21:00', end: '08:00' },
      aggregatorUrl: 'http://10.0.0.5:8787',
    });
    expect(problems).toHaveLength(4);
  });

  it('keeps what it understands from a newer schema', () => {
    const { settings, problems } = migrateSettings({ schemaVersion: 3, launchAtLogin: true, hologram: 'on' });
    expect(settings.launchAtLogin).toBe(true);
    expect(settings.schemaVersion).toBe(1);
    expect(problems.some((p) => p.includes('schemaVersion 3'))).toBe(true);
  });
});

describe('jsonFileSettingsStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imsm-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses defaults when the file is missing, and round-trips a save', () => {
    const path = join(dir, 'sub', 'settings.json');
    const store = jsonFileSettingsStore(path);
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    const changed = applySettingsPatch(DEFAULT_SETTINGS, { probeIntervalMs: 15_000 });
    store.save(changed);
    expect(jsonFileSettingsStore(path).load()).toEqual(changed);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['settings.json']);
  });

  it('moves a corrupted file aside with a log line and uses defaults', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{"probeIntervalMs": 15000,');
    const lines: string[] = [];
    const store = jsonFileSettingsStore(path, (l) => lines.push(l));
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    const aside = readdirSync(dir).filter((f) => /^settings\.json\.corrupt-\d{4}-\d\d-\d\dT/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"probeIntervalMs": 15000,');
    expect(lines[0]).toMatch(/unreadable.*moved to .*corrupt-/);
    // The next save writes a fresh, valid file.
    store.save(DEFAULT_SETTINGS);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(DEFAULT_SETTINGS);
  });

  it('logs and repairs a parseable file with bad values', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, probeIntervalMs: -1, launchAtLogin: true }));
    const lines: string[] = [];
    const loaded = jsonFileSettingsStore(path, (l) => lines.push(l)).load();
    expect(loaded).toEqual({ ...DEFAULT_SETTINGS, launchAtLogin: true });
    expect(lines.some((l) => l.includes('probeIntervalMs'))).toBe(true);
  });
});
