// `npm run monitor -- --once --json --messages-db PATH`: the counts of a fixture database, or a clean failure.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contracts/status.ts';
import { parseMonitorArgs } from '../../main/cli/args.ts';
import { createChatDb, sqlite } from '../../lab/messages/chat-db.ts';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = join(process.cwd(), 'main/cli/monitor.ts');

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('monitor --messages-db', () => {
  let dir: string;
  let base: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'monitor-messages-'));
    const p = await closedPort();
    const targets = join(dir, 'targets.json');
    writeFileSync(
      targets,
      JSON.stringify({
        dnsHosts: ['courier.test'],
        dnsServers: [`127.0.0.1:${p}`],
        apns: { host: '127.0.0.1', port5223: p, port443: p },
        idsUrl: `https://127.0.0.1:${p}/bag`,
        facetimeUrl: `https://127.0.0.1:${p}/ft`,
        captiveUrl: `http://127.0.0.1:${p}/hotspot-detect.html`,
        referenceUrls: [`http://127.0.0.1:${p}/generate_204`],
      }),
    );
    // A 5 s interval makes a 50 s window: the fixture's rows, a few seconds old, are inside it.
    base = ['--once', '--json', '--interval', '5000', '--targets', targets, '--data', dir, '--no-official', '--no-community'];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses the flag', () => {
    expect(parseMonitorArgs(['--messages-db', 'chat.db'])).toMatchObject({ messagesDbPath: 'chat.db' });
    expect(() => parseMonitorArgs(['--messages-db'])).toThrow(/needs a value/);
  });

  it('reports the counts of a fixture with known rows', async () => {
    const db = join(dir, 'chat.db');
    const now = Date.now();
    createChatDb(db, [
      { at: now - 9_000, handleId: 1 },
      { at: now - 8_000, error: 22, handleId: 2, text: 'private words' },
      { at: now - 7_000, error: 22, handleId: 3 },
      { at: now - 6_000, error: 22, handleId: 3 },
      { at: now - 6_000, service: 'SMS', error: 22, handleId: 4 },
      { at: now - 5_000, fromMe: false, handleId: 5 },
    ]);
    const r = await runCli([...base, '--messages-db', db]);
    expect(r.stderr).not.toContain('--messages-db');
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.stdout) as Snapshot;
    expect(snapshot.messages).toMatchObject({
      state: 'ok',
      failing: true,
      counts: {
        windowMs: 50_000,
        sent: 4,
        failed: 3,
        delivered: 1,
        failedRecipients: 2,
        failedSinceDelivery: 3,
        recipientsSinceDelivery: 2,
      },
    });
    expect(snapshot.messages?.counts?.lastDeliveryAt).toBeGreaterThan(now - 10_000);
    expect(r.stdout).not.toContain('private words');
  });

  it.each([
    ['a missing file', (db: string) => db, /no Messages database/],
    ['a non-SQLite file', (db: string) => (writeFileSync(db, 'plain text, not a database '.repeat(40)), db), /not a SQLite database/],
    [
      'a schema without the columns',
      (db: string) => (sqlite(db, 'CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT);'), db),
      /columns/,
    ],
  ])('fails cleanly for %s', async (_name, make, said) => {
    const db = make(join(mkdtempSync(join(dir, 'case-')), 'chat.db'));
    const r = await runCli([...base, '--messages-db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(said);
    expect(r.stderr).not.toContain('monitor failed');
    expect((JSON.parse(r.stdout) as Snapshot).messages?.counts).toBeNull();
  });
});
