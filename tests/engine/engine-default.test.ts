// createDefaultEngine wired with the real modules: loopback world, a loopback Apple feed, a dead aggregator, a temp data folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultEngine, SETTINGS_FILE } from '../../main/launch/create-engine.ts';
import type { MonitorEngine } from '../../main/engine/ports.ts';
import { CONNECTED_STATE, fixedNetworkState } from '../../main/engine/probes/network-state.ts';
import { SettingsError } from '../../main/engine/settings/validate.ts';
import { startAppleWorld, type AppleWorld } from '../../lab/net/apple-world.ts';

const FIXTURES = join(process.cwd(), 'tests/fixtures/apple-status');
let world: AppleWorld;
let feed: Server;
let feedUrl: string;
let feedBody = readFileSync(join(FIXTURES, 'all-normal.json'), 'utf8');
let deadAggregator: string;
let dataDir: string;
let engine: MonitorEngine | null = null;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  if (typeof a !== 'object' || a === null) throw new Error('no port');
  return a.port;
}

beforeAll(async () => {
  world = await startAppleWorld();
  feed = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feedBody));
  feedUrl = `http://127.0.0.1:${await listen(feed)}`;
  const closed = createServer();
  deadAggregator = `http://127.0.0.1:${await listen(closed)}`;
  await new Promise<void>((r) => closed.close(() => r()));
});
afterAll(async () => {
  feed.closeAllConnections();
  await new Promise<void>((r) => feed.close(() => r()));
  await world.close();
});
afterEach(async () => {
  await engine?.stop();
  engine = null;
  rmSync(dataDir, { recursive: true, force: true });
});

function make(): MonitorEngine {
  dataDir = mkdtempSync(join(tmpdir(), 'engine-default-'));
  engine = createDefaultEngine({
    dataDir,
    targets: world.targets,
    network: fixedNetworkState(CONNECTED_STATE),
    officialUrls: { consumerUrl: `${feedUrl}/consumer`, developerUrl: `${feedUrl}/developer` },
    aggregatorUrl: deadAggregator,
    settingsOverride: { probeIntervalMs: 1_000 },
    // Generous: the probes that should work must finish inside it on busy cores (CI saw a TLS handshake pass 400 ms).
    timings: () => ({ timeoutMs: 2_500, slowMs: 2_000 }),
  });
  return engine;
}

describe('createDefaultEngine', () => {
  it('judges the healthy world with Apple saying all is well', async () => {
    const e = make();
    const s = await e.checkNow();
    expect(s.local.verdict).toBe('online');
    expect(s.services.imessage.state).toBe('operational');
    expect(s.official.services['imessage']?.state).toBe('ok');
    expect(s.official.stale).toBe(false);
    expect(s.community.error).not.toBeNull(); // the aggregator is down, and says so in words
  });

  it('Apple reporting an outage moves at once', async () => {
    feedBody = readFileSync(join(FIXTURES, 'mixed-events.json'), 'utf8');
    try {
      const e = make();
      const s = await e.checkNow();
      // The fixture: an ongoing iMessage outage and a resolved FaceTime issue.
      expect(s.official.services['imessage']?.state).toBe('outage');
      expect(s.services.imessage.state).toBe('outage');
      expect(s.services.imessage.reason).toBe('Apple reports an outage; your connection to Apple looks fine.');
      expect(s.services.facetime.state).toBe('operational');
    } finally {
      feedBody = readFileSync(join(FIXTURES, 'all-normal.json'), 'utf8');
    }
  });

  it('queues a report while the aggregator is down', async () => {
    const e = make();
    await e.checkNow();
    const outcome = await e.report({ service: 'imessage', kind: 'problem', problem: 'not-delivered' });
    expect(outcome.result).toBe('queued');
    expect(e.snapshot().queuedReports).toBe(1);
  });

  it('stores valid settings, rejects bad ones by field, never saves run-only overrides', async () => {
    const e = make();
    e.updateSettings({ quietHours: { enabled: true, start: '23:00', end: '06:30' } });
    expect(() => e.updateSettings({ probeIntervalMs: 5 })).toThrow(SettingsError);
    expect(e.settings().probeIntervalMs).toBe(1_000);
    const file = join(dataDir, SETTINGS_FILE);
    expect(existsSync(file)).toBe(true);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { quietHours: { start: string }; probeIntervalMs: number };
    expect(saved.quietHours.start).toBe('23:00');
    expect(saved.probeIntervalMs).toBe(60_000);
  });
});
