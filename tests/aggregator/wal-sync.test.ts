// PGlite's acknowledgements reach the disk: under strace, the CLI fdatasyncs its WAL before a report is answered 202,
// once per batch (concurrent reports share a sync), and not at all for reads.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { client, networkAddress, post, postFrom } from './backends.ts';
import { aggregatorCli } from './cli-process.ts';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';

const hasStrace = process.platform === 'linux' && spawnSync('strace', ['-V']).status === 0;
if (!hasStrace) console.log('[walSync] skipped: strace is not installed');

const dir = mkdtempSync(join(tmpdir(), 'agg-wal-'));
const dataDir = await freshAggregatorDataDir('agg-wal-data-'); // a template copy: no initdb under strace
afterAll(() => {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

/**
 * In a trace of sequential reports, how many 202 answers were written, and how many of them with no fdatasync
 * finished since their request was read (a call another thread interrupts prints as `<... resumed>` when it returns).
 */
function syncedBeforeAnswers(log: string): { answers: number; unsynced: number } {
  let answers = 0;
  let unsynced = 0;
  let synced = true;
  for (const line of log.split('\n')) {
    if (/(?:read\(\d+, |read resumed>)"POST \/v1\/reports/.test(line)) synced = false;
    else if (/(?:fdatasync\(\d+\)|fdatasync resumed>\))\s+= 0/.test(line)) synced = true;
    else if (/(?:write\(\d+, |write resumed>)"HTTP\/1\.1 202/.test(line)) {
      answers += 1;
      if (!synced) unsynced += 1;
    }
  }
  return { answers, unsynced };
}

describe.skipIf(!hasStrace)('PGlite WAL sync (strace)', { timeout: 180_000 }, () => {
  it('fdatasyncs once per batch before answering 202', async () => {
    const trace = join(dir, 'strace.log');
    const child = spawn(
      'strace',
      [
        '-f',
        '-qq',
        '--seccomp-bpf',
        '-e',
        'trace=fdatasync,read,write',
        '-s',
        '20',
        '-o',
        trace,
        process.execPath,
        ...aggregatorCli(),
        '--port',
        '0',
        '--no-rate-limit',
        '--data',
        dataDir,
      ],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^listening (http:\/\/\S+)/m.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        void exited.then((code) => reject(new Error(`cli exited with ${code}: ${out}`)));
      });
      const syncs = () => (readFileSync(trace, 'utf8').match(/fdatasync\(/g) ?? []).length;
      const report = () => post(url, { service: 'imessage', kind: 'problem', problem: 'not-delivered', clientId: client() });

      // One at a time: every report is its own batch, so each 202 comes after its own sync. The sync runs on another
      // thread than the socket's, so the order is read from the trace: request read, sync done, answer written.
      const atStart = syncs();
      const from = readFileSync(trace, 'utf8').length;
      for (let i = 0; i < 10; i += 1) expect((await report()).status).toBe(202);
      expect(syncs() - atStart).toBeGreaterThanOrEqual(10);
      await new Promise((r) => setTimeout(r, 300)); // strace prints a call when it returns
      const order = syncedBeforeAnswers(readFileSync(trace, 'utf8').slice(from));
      expect(order.answers).toBe(10);
      expect(order.unsynced).toBe(0);

      // Reads write nothing and sync nothing.
      const beforeReads = syncs();
      for (let i = 0; i < 10; i += 1) expect((await fetch(`${url}/v1/status`)).status).toBe(200);
      expect(syncs()).toBe(beforeReads);

      // 300 at once, each from its own /24 (one network may hold only 64 open connections): batches share a sync, so
      // there are fewer syncs than reports.
      const beforeBurst = syncs();
      const burst = (i: number) =>
        postFrom(url, networkAddress(i), { service: 'imessage', kind: 'problem', problem: 'not-delivered', clientId: client() });
      const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => burst(i)));
      expect(answers.every((a) => a.status === 202)).toBe(true);
      const burstSyncs = syncs() - beforeBurst;
      expect(burstSyncs).toBeGreaterThanOrEqual(1);
      expect(burstSyncs).toBeLessThan(300);
    } finally {
      // strace started the CLI itself and ignores SIGINT then, so the CLI is stopped directly (strace follows it out).
      const cliPid = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]);
      if (cliPid > 0) process.kill(cliPid, 'SIGINT');
      else child.kill('SIGKILL');
      await exited;
    }
  });
});
