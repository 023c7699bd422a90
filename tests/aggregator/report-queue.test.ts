// The group-commit queue's batching rules, against a writer whose commits the test completes by hand (what is under
// test is when batches start and when their reports are answered, not storage).
import { describe, expect, it } from 'vitest';
import { ReportQueue, type BatchOutcome } from '../../aggregator/intake/report-queue.ts';
import type { PendingReport, StoredAnswer } from '../../aggregator/storage/store.ts';

interface Written {
  reports: PendingReport[];
  answers: StoredAnswer[];
  commit: () => void;
}

function harness(minOverlapping: number) {
  const written: Written[] = [];
  const queue = new ReportQueue(
    (reports, answers) =>
      new Promise<BatchOutcome>((resolve) => written.push({ reports, answers, commit: () => resolve({ rejected: [] }) })),
    1000,
    2,
    minOverlapping,
  );
  const answered: string[] = [];
  let n = 0;
  const push = (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const id = `r${(n += 1)}`;
      queue.push({ id } as PendingReport, (error, accepted) => answered.push(`${id}:${String(error ?? accepted)}`));
    }
  };
  return { queue, written, answered, push };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('report queue', () => {
  it('sends a lone report at once, and keeps a few that arrive meanwhile for after that batch', async () => {
    const { written, answered, push } = harness(48);
    push(1);
    await turn();
    expect(written.map((w) => w.reports.length)).toEqual([1]);
    push(3);
    await turn();
    await turn();
    expect(written.length).toBe(1); // three are not worth a batch beside one being written
    written[0]?.commit();
    await turn();
    expect(answered).toEqual(['r1:true']);
    expect(written.map((w) => w.reports.length)).toEqual([1, 3]);
    written[1]?.commit();
    await turn();
    expect(answered).toEqual(['r1:true', 'r2:true', 'r3:true', 'r4:true']);
  });

  it('starts a second batch beside the first once enough reports wait; each is answered after its own commit', async () => {
    const { queue, written, answered, push } = harness(48);
    push(60);
    await turn();
    push(47);
    await turn();
    expect(written.length).toBe(1);
    push(1); // the 48th waiting
    await turn();
    expect(written.map((w) => w.reports.length)).toEqual([60, 48]);
    push(100); // both slots are taken: these wait whatever their number
    await turn();
    expect(written.length).toBe(2);
    written[1]?.commit();
    await turn();
    expect(answered.length).toBe(48); // the second batch's own commit answers it
    expect(written.map((w) => w.reports.length)).toEqual([60, 48, 100]);
    const flushed = queue.flush();
    written[0]?.commit();
    written[2]?.commit();
    await flushed;
    expect(answered.length).toBe(208);
    expect(answered.every((a) => a.endsWith(':true'))).toBe(true);
  });

  it('says storage is failing from a failed batch until one commits', async () => {
    let fail = true;
    const queue = new ReportQueue(async () => {
      if (fail) throw new Error('WAL sync failed');
      return { rejected: [] };
    });
    const outcomes: string[] = [];
    const push = () => queue.push({ id: 'r' } as PendingReport, (error, accepted) => outcomes.push(error ? 'error' : String(accepted)));
    expect(queue.failure).toBeNull();
    push();
    await queue.flush();
    expect(queue.failure).toEqual({ batches: 1 });
    push();
    await queue.flush();
    expect(queue.failure).toEqual({ batches: 2 });
    fail = false;
    push();
    await queue.flush();
    expect(queue.failure).toBeNull();
    expect(outcomes).toEqual(['error', 'error', 'true']);
  });

  it('with no threshold, starts a batch for whatever waits while a slot is free', async () => {
    const { written, push } = harness(0);
    push(60);
    await turn();
    push(2);
    await turn();
    expect(written.map((w) => w.reports.length)).toEqual([60, 2]);
  });
});
