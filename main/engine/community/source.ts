// Community status from the aggregator: polled by the engine, or live over the stream while it works.
import type { StatusResponse } from '../../../contracts/aggregator-api.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';
import type { CommunityReach, CommunityServiceStatus, CommunitySnapshot, ServiceId } from '../../../contracts/status.ts';
import type { CommunityStatusSource } from '../ports.ts';
import type { AggregatorClient } from './client.ts';
import { communityReach } from './reach.ts';
import { openStatusStream } from './stream.ts';
import type { StatusStreamOptions } from './stream.ts';

export interface CommunityStatusOptions {
  /** The app's one aggregator client (its status ETag is shared with nobody else). */
  client: AggregatorClient;
  /** Who reports to that server (stamped on every snapshot); default: worked out from the address. */
  reach?: () => CommunityReach;
  now: () => number;
  /** Data older than this is shown as stale. Default 10 minutes. */
  staleAfterMs?: number;
  /** Stream tuning (timeouts, reconnect delays). */
  stream?: Pick<StatusStreamOptions, 'connectTimeoutMs' | 'idleTimeoutMs' | 'minDelayMs' | 'maxDelayMs'>;
}

/** StatusResponse → the services part of a CommunitySnapshot (the official mirror is left to the official source). */
export function communityServices(status: StatusResponse): Partial<Record<ServiceId, CommunityServiceStatus>> {
  const out: Partial<Record<ServiceId, CommunityServiceStatus>> = {};
  for (const id of SERVICE_IDS) {
    const dto = status.services[id];
    if (!dto) continue;
    out[id] = {
      status: dto.status,
      since: dto.since,
      reportsLastHour: dto.reportsLastHour,
      baselinePerHour: dto.baselinePerHour,
      topProblems: dto.topProblems,
      networksInWindow: dto.networksInWindow ?? null,
      reportsInWindow: dto.reportsInWindow ?? null,
      providersInWindow: dto.providersInWindow ?? null,
      windowMinutes: dto.windowMinutes ?? null,
      current: dto.current ?? null,
      // Absent from older aggregators: left out, so the popover says nothing it doesn't know.
      ...(dto.networksLast24h !== undefined ? { networksLast24h: dto.networksLast24h } : {}),
      ...(dto.baselineFromHistory !== undefined ? { baselineFromHistory: dto.baselineFromHistory } : {}),
      ...(dto.topCountries ? { topCountries: dto.topCountries } : {}),
    };
  }
  return out;
}

/** Creates the community source; poll() never rejects, watch() says when the stream is down (the engine then polls). */
export function createCommunityStatusSource(opts: CommunityStatusOptions): CommunityStatusSource {
  const staleAfterMs = opts.staleAfterMs ?? 10 * 60_000;
  const { client } = opts;
  const reach = (): CommunityReach => opts.reach?.() ?? communityReach(client.baseUrl());
  let snapshot: CommunitySnapshot = { fetchedAt: null, stale: false, error: null, reach: reach(), services: {} };
  let inFlight: Promise<CommunitySnapshot> | null = null;

  const accept = (status: StatusResponse): void => {
    snapshot = { fetchedAt: opts.now(), stale: false, error: null, reach: reach(), services: communityServices(status) };
  };

  async function pollOnce(): Promise<CommunitySnapshot> {
    // Not connected: nothing to ask, and nothing old to keep showing (it came from another server).
    if (reach() === 'none') return (snapshot = { fetchedAt: null, stale: false, error: null, reach: 'none', services: {} });
    const res = await client.status();
    if (res.ok) accept(res.data);
    else snapshot = { ...snapshot, stale: true, error: res.error };
    return current();
  }

  function current(): CommunitySnapshot {
    if (snapshot.reach !== reach()) snapshot = { ...snapshot, reach: reach() };
    const { fetchedAt } = snapshot;
    if (!snapshot.stale && fetchedAt !== null && opts.now() - fetchedAt > staleAfterMs) {
      return {
        ...snapshot,
        stale: true,
        error: `Community reports have not been refreshed for ${Math.round((opts.now() - fetchedAt) / 60_000)} minutes.`,
      };
    }
    return snapshot;
  }

  function poll(): Promise<CommunitySnapshot> {
    inFlight ??= pollOnce()
      .catch(() => current())
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  function watch(onSnapshot: (s: CommunitySnapshot) => void, onDown?: () => void): () => void {
    let stopped = false;
    let down = false; // told once per outage of the stream, not on every failed reconnect
    const stream = openStatusStream({
      ...opts.stream,
      url: () => `${client.baseUrl()}/v1/stream`,
      onStatus: (status) => {
        accept(status);
        if (!stopped) onSnapshot(current());
      },
      onOpen: () => {
        down = false;
      },
      onDown: () => {
        if (stopped || down) return;
        down = true;
        onDown?.();
      },
    });
    return () => {
      stopped = true;
      stream.close();
    };
  }

  return { poll, current, watch };
}
