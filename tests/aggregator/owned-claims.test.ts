// Claims decided in memory by the only writer (PGlite): the table's bounds, the rules on a fake clock, the spill to
// storage when the table is full, and the same stored counts as the shared batch statement for the same reports.
import { describe, expect, it } from 'vitest';
import { ClaimTable, PROBLEMS, idHalves } from '../../aggregator/intake/claim-table.ts';
import { DEFAULT_CLAIM_SLOTS, OwnedClaims } from '../../aggregator/intake/owned-claims.ts';
import type { PendingReport } from '../../aggregator/storage/store-rows.ts';

const WINDOW = 600_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);

function claims(maxSlots = 1 << 12, networkCap = 3): OwnedClaims {
  return new OwnedClaims({ services: ['imessage', 'facetime'], networkCap, claimWindowMs: WINDOW, hourMs: HOUR, maxSlots });
}

let seq = 0;
function report(network: string, at: number, over: Partial<PendingReport> = {}): PendingReport {
  seq += 1;
  return {
    id: `r-${seq}`,
    service: 'imessage',
    kind: 'problem',
    problem: 'not-delivered',
    clientId: `c-${seq}`,
    network,
    origin: { provider: 'as1', group: '', country: 'US', previousId: null },
    at,
    evidence: null,
    idempotencyKey: null,
    ...over,
  };
}
const net = (i: number) => i.toString(16).padStart(16, '0');

describe('claim table', () => {
  it('keeps 16-hex-character ids exact and hashes anything else to 64 bits', () => {
    expect(idHalves('00000001000000ff')).toEqual([0xff, 1]);
    expect(idHalves('not-hex')).not.toEqual(idHalves('not-hex2'));
  });

  it('finds what it added, sweeps out dead claims, and refuses only when live claims fill its bound', () => {
    const t = new ClaimTable(1 << 12, 1 << 12);
    const live = new Set<number>();
    for (let i = 0; i < 5000; i += 1) {
      const slot = t.add(i, 0, 0, (s) => live.has(s));
      expect(slot).toBeGreaterThanOrEqual(0);
      t.set(slot, PROBLEMS, i + 1);
      if (i === 4000) live.add(slot);
    }
    // Nothing was live at the sweep (at the 3,073rd key), so it dropped everything before it; later keys are found.
    expect(t.size).toBe(5000 - 3072);
    expect(t.find(0, 0, 0)).toBe(-1);
    expect(t.get(t.find(4999, 0, 0), PROBLEMS)).toBe(5000);
    // Everything live: the table fills its bound (3/4 of 4,096 slots) and then says no.
    const full = new ClaimTable(1 << 12, 1 << 12);
    let refusedAt = -1;
    for (let i = 0; i < 4096; i += 1) {
      if (full.add(i, 1, 1, () => true) < 0) {
        refusedAt = i;
        break;
      }
    }
    expect(refusedAt).toBe(3072);
    for (const i of [0, 1000, 3071]) expect(full.find(i, 1, 1)).toBeGreaterThanOrEqual(0);
    expect(full.find(5000, 1, 1)).toBe(-1);
  });

  it('grows up to its bound and shrinks back only to its first size', () => {
    const grows = new ClaimTable(1 << 14, 1 << 12);
    for (let i = 0; i < 10_000; i += 1) grows.add(i, 2, 0, () => true);
    expect(grows.slots).toBe(1 << 14);
    // A sweep that finds one claim live shrinks the table, but not below where it started.
    const live = grows.find(9_999, 2, 0);
    for (let i = 0; i < 3_000; i += 1) grows.add(20_000 + i, 2, 0, (s) => s === live);
    expect(grows.slots).toBe(1 << 12);
    const fixed = new ClaimTable(1 << 14, 1 << 14);
    for (let i = 0; i < 12_300; i += 1) fixed.add(i, 3, 0, () => false);
    expect(fixed.slots).toBe(1 << 14);
    expect(fixed.size).toBeLessThan(12_300);
  });

  it('holds 600,000 networks in an hour with the default bound, without asking storage', () => {
    const c = new OwnedClaims({
      services: ['imessage', 'facetime'],
      networkCap: 3,
      claimWindowMs: WINDOW,
      hourMs: HOUR,
      maxSlots: DEFAULT_CLAIM_SLOTS,
    });
    for (let i = 0; i < 600_000; i += 1) {
      if (c.decide(report(net(i + 1), T0 + i * 5)) === null) throw new Error(`storage asked at network ${i + 1}`);
    }
    expect(c.spills).toBe(0);
    expect(c.size).toBe(600_000);
  });
});

describe('owned claims', () => {
  it('counts a network up to its cap per window, opens it once, and its hour once', () => {
    const c = claims();
    const got = [0, 1, 2, 3, 4].map((i) => c.decide(report(net(1), T0 + i * 1000)));
    expect(got.map((d) => d?.counted)).toEqual([true, true, true, false, false]);
    expect(got.map((d) => d?.openedKind)).toEqual([true, false, false, false, false]);
    expect(got.map((d) => d?.hourFirst)).toEqual([true, false, false, false, false]);
    // The window ends: a new claim opens (a new network in the counts), but the hour was already opened.
    const later = c.decide(report(net(1), T0 + WINDOW));
    expect(later).toMatchObject({ counted: true, openedKind: true, hourFirst: false });
    // A new hour opens the hour again; working reports have their own claim and never open an hour.
    expect(c.decide(report(net(1), T0 + HOUR))).toMatchObject({ hourFirst: true });
    expect(c.decide(report(net(1), T0 + 1000, { kind: 'working', problem: null }))).toMatchObject({
      counted: true,
      openedKind: true,
      hourFirst: false,
    });
    // Another service is another claim.
    expect(c.decide(report(net(1), T0 + 5000, { service: 'facetime' }))).toMatchObject({ counted: true, openedKind: true });
  });

  it("keeps a network on yesterday's id just after midnight while that claim runs", () => {
    const c = claims();
    const midnight = Date.UTC(2026, 11, 3);
    expect(c.decide(report('aaaaaaaaaaaaaaaa', midnight - 60_000))?.openedKind).toBe(true);
    const after = c.decide(
      report('bbbbbbbbbbbbbbbb', midnight + 60_000, {
        origin: { provider: 'as1', group: '', country: 'US', previousId: 'aaaaaaaaaaaaaaaa' },
      }),
    );
    expect(after).toMatchObject({ network: 'aaaaaaaaaaaaaaaa', openedKind: false, counted: true });
  });

  it('takes back the decisions of a batch that was not stored', () => {
    const c = claims();
    const first = c.decide(report(net(2), T0));
    const batch = [c.decide(report(net(2), T0 + 1)), c.decide(report(net(2), T0 + 2)), c.decide(report(net(3), T0 + 3))];
    c.undo(batch);
    expect(first?.counted).toBe(true);
    // The undone reports count again when they are sent again.
    expect(c.decide(report(net(2), T0 + 4))).toMatchObject({ counted: true, openedKind: false });
    expect(c.decide(report(net(3), T0 + 5))).toMatchObject({ counted: true, openedKind: true });
  });

  it('hands new networks to storage while its live claims fill the table, until they could all have expired', () => {
    const c = claims(1 << 12);
    let handed = -1;
    for (let i = 0; i < 4000; i += 1) {
      if (c.decide(report(net(100 + i), T0 + i)) === null) {
        handed = i;
        break;
      }
    }
    expect(handed).toBe(3072);
    expect(c.spills).toBe(1);
    // A network memory holds is still decided in memory; a new one goes to storage, even once old claims have expired,
    // until the spill's hour and window have passed.
    expect(c.decide(report(net(100), T0 + 10_000))).toMatchObject({ counted: true });
    expect(c.decide(report(net(99_999), T0 + WINDOW + 10_000))).toBeNull();
    expect(c.spilling(T0 + HOUR)).toBe(false);
    expect(c.decide(report(net(99_999), T0 + HOUR))).toMatchObject({ counted: true, openedKind: true });
  });

  it('rebuilds its claims from the counted reports after a restart', () => {
    const c = claims();
    const rows = [0, 1, 2].map((i) => ({ service: 'imessage', network: net(7), kind: 'problem', at: T0 + i }));
    c.rebuild(rows, 0);
    expect(c.decide(report(net(7), T0 + 10))).toMatchObject({ counted: false, openedKind: false, hourFirst: false });
    // Claims storage still holds (from before) keep networks memory does not know on storage's side until they end.
    const d = claims();
    d.rebuild([], T0 + WINDOW);
    expect(d.decide(report(net(8), T0))).toBeNull();
    expect(d.decide(report(net(8), T0 + WINDOW))).not.toBeNull();
  });
});
