import Conf from 'conf';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { openSettingsStore, prepareSettingsFile, settingsStoreAdapter } from '../../main/shell/settings-file.ts';
import type { SettingsFileOptions } from '../../main/shell/settings-file.ts';
import { settingsJsonSchema } from '../../contracts/settings-schema.ts';

// electron-store is `conf` plus Electron's paths; it cannot load without Electron, so the tests drive conf itself
// with the same options main/electron/settings-store.ts passes.
let dir = '';
let lines: string[] = [];
let opts: SettingsFileOptions;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-'));
  lines = [];
  opts = { path: join(dir, 'settings.json'), log: (l) => lines.push(l), now: () => Date.UTC(2026, 10, 23, 12, 0, 0) };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open() {
  return openSettingsStore(
    opts,
    () =>
      new Conf<Settings>({
        cwd: dir,
        configName: 'settings',
        schema: settingsJsonSchema() as never,
        defaults: DEFAULT_SETTINGS,
        clearInvalidConfig: false,
      }),
  );
}

const asideFiles = () => readdirSync(dir).filter((n) => n.includes('.corrupt-'));

describe('settings behind electron-store', () => {
  it('starts with defaults and keeps a change across a restart', () => {
    const first = settingsStoreAdapter(open(), opts);
    expect(first.load()).toEqual(DEFAULT_SETTINGS);
    first.save({ ...DEFAULT_SETTINGS, launchAtLogin: true, quietHours: { enabled: true, start: '23:00', end: '06:30' } });
    const second = settingsStoreAdapter(open(), opts);
    expect(second.load()).toMatchObject({ launchAtLogin: true, quietHours: { enabled: true, start: '23:00', end: '06:30' } });
    expect(lines).toEqual([]);
  });

  it('moves a corrupted file aside, logs it, and uses defaults', () => {
    writeFileSync(opts.path, '{"probeIntervalMs": 5000, oops');
    const store = settingsStoreAdapter(open(), opts);
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    const aside = asideFiles();
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe('{"probeIntervalMs": 5000, oops');
    expect(lines.join('\n')).toMatch(/unreadable .*moved to .*corrupt-.*using defaults/);
  });

  it('upgrades an old unversioned file in place without moving it', () => {
    writeFileSync(opts.path, JSON.stringify({ probeIntervalSec: 30, aggregator: 'http://127.0.0.1:9999' }));
    expect(prepareSettingsFile(opts)).toEqual({ outcome: 'migrated' });
    expect(asideFiles()).toEqual([]);
    const store = settingsStoreAdapter(open(), opts);
    expect(store.load()).toMatchObject({ schemaVersion: 1, probeIntervalMs: 30_000, aggregatorUrl: 'http://127.0.0.1:9999' });
  });

  it('drops a bad value, keeps the rest, and keeps the original file aside', () => {
    writeFileSync(opts.path, JSON.stringify({ ...DEFAULT_SETTINGS, probeIntervalMs: 'fast', launchAtLogin: true }));
    const store = settingsStoreAdapter(open(), opts);
    expect(store.load()).toMatchObject({ probeIntervalMs: DEFAULT_SETTINGS.probeIntervalMs, launchAtLogin: true });
    const aside = asideFiles();
    expect(aside).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, aside[0] as string), 'utf8'))).toMatchObject({ probeIntervalMs: 'fast' });
    expect(lines.some((l) => l.includes('probeIntervalMs'))).toBe(true);
  });

  it('leaves a current file alone', () => {
    writeFileSync(opts.path, JSON.stringify(DEFAULT_SETTINGS));
    expect(prepareSettingsFile(opts)).toEqual({ outcome: 'current' });
    expect(prepareSettingsFile({ ...opts, path: join(dir, 'nothing.json') })).toEqual({ outcome: 'missing' });
  });

  it('recovers when the file is damaged while the app runs', () => {
    const store = settingsStoreAdapter(open(), opts);
    store.save({ ...DEFAULT_SETTINGS, officialFeed: false });
    writeFileSync(opts.path, 'garbage');
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    expect(asideFiles()).toHaveLength(1);
    store.save({ ...DEFAULT_SETTINGS, communityReports: false });
    expect(JSON.parse(readFileSync(opts.path, 'utf8'))).toMatchObject({ communityReports: false });
  });

  it('moves the file aside once more when the store itself refuses it', () => {
    writeFileSync(opts.path, JSON.stringify(DEFAULT_SETTINGS));
    let attempts = 0;
    const store = openSettingsStore(opts, () => {
      attempts += 1;
      if (attempts === 1) throw new Error('Config schema violation: boom');
      return { path: opts.path, store: DEFAULT_SETTINGS };
    });
    expect(attempts).toBe(2);
    expect(store.path).toBe(opts.path);
    expect(existsSync(opts.path)).toBe(false);
    expect(asideFiles()).toHaveLength(1);
    expect(lines.join('\n')).toContain('schema violation');
  });

  it('the JSON schema refuses what the app would never write', () => {
    const conf = open();
    expect(() => {
      conf.store = { ...DEFAULT_SETTINGS, probeIntervalMs: 10 };
    }).toThrow();
    expect(() => {
      conf.store = { ...DEFAULT_SETTINGS, quietHours: { enabled: true, start: '7pm', end: '07:00' } };
    }).toThrow();
  });
});
