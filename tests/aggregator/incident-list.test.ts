// The in-memory incident list: a read after a status change sees that change, even when the refresh it asked for was
// folded into one already under way (the source's answers are released by hand, to order the race exactly).
import { describe, expect, it } from 'vitest';
import { IncidentList } from '../../aggregator/http/incident-list.ts';
import type { IncidentRow } from '../../aggregator/storage/store.ts';

const row = (id: string, start: number): IncidentRow => ({
  id,
  service: 'imessage',
  source: 'reports',
  start,
  end: null,
  peak: 3,
  peakStatus: 'outage',
  appleShownAt: null,
});

/** A storage stand-in whose lists answer when the test says, with the rows stored at the moment each was asked. */
function heldSource() {
  let stored: IncidentRow[] = [];
  const held: (() => void)[] = [];
  return {
    store: (rows: IncidentRow[]) => void (stored = rows),
    releaseAll: () => held.splice(0).forEach((release) => release()),
    get waiting() {
      return held.length;
    },
    source: {
      listIncidents: ({ service }: { service?: string }) => {
        const snapshot = service === 'imessage' ? stored : [];
        return new Promise<IncidentRow[]>((resolve) => held.push(() => resolve(snapshot)));
      },
    },
  };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

const NOW = Date.UTC(2026, 11, 3, 12);

/** The list under test over the held source: two services, nothing pending elsewhere, a fixed clock. */
function listOver(held: ReturnType<typeof heldSource>): IncidentList {
  return new IncidentList(
    held.source,
    ['imessage', 'facetime'],
    () => Promise.resolve(),
    () => undefined,
    () => NOW,
  );
}

/** Answers every list the source is asked for, including those asked for after earlier answers, until none waits. */
async function releaseUntilIdle(held: ReturnType<typeof heldSource>): Promise<void> {
  for (let i = 0; i < 10 && held.waiting > 0; i += 1) {
    held.releaseAll();
    await turns(3);
  }
}

describe('incident list', () => {
  it('answers a read after a status change with that change, though its refresh waited behind another', async () => {
    const held = heldSource();
    const list = listOver(held);
    void list.refresh(); // e.g. the per-bucket refresh: it asks storage before the incident opens
    await turns(2);
    expect(held.waiting).toBe(1);
    held.store([row('a', NOW - 60_000)]); // the status changes: an incident opens and a refresh is asked for
    void list.refresh();
    const read = list.list('imessage', 10); // a client reads right after it saw the new status
    await releaseUntilIdle(held);
    expect((await read).map((r) => r.id)).toEqual(['a']);
  });

  it('answers from memory at once when no refresh is under way', async () => {
    const held = heldSource();
    const list = listOver(held);
    held.store([row('b', NOW - 120_000), row('a', NOW - 60_000)]);
    const refreshed = list.refresh();
    await turns(2);
    await releaseUntilIdle(held);
    await refreshed;
    expect((await list.list('imessage', 10)).map((r) => r.id)).toEqual(['b', 'a']);
    expect(await list.list('facetime', 10)).toEqual([]);
    expect((await list.list('imessage', 10, NOW - 90_000)).map((r) => r.id)).toEqual(['b']);
  });
});
