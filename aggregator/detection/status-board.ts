// The current status of every service: evaluates the detector, keeps a cached body + ETag, opens and closes incidents.
import { createHash } from 'node:crypto';
import type { ServiceStatusDto, StatusResponse } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../contracts/official-status.ts';
import type { Detector, ServiceReading, Transition } from './detector.ts';
import type { IncidentRow, Store } from '../storage/store.ts';
import { IncidentBook } from './incident-book.ts';

export interface StatusView {
  body: string;
  etag: string;
  payload: StatusResponse;
  /** The 200 answer ready to write: encoded body and its headers (no CORS). */
  bytes: Buffer;
  headers: Record<string, string | number>;
}

/** Real time between evaluations that new counts trigger (status reads never wait for it). */
const EVALUATE_EVERY_MS = 250;

/** Owns the status every route and stream serves. */
export class StatusBoard {
  private view: StatusView | null = null;
  private servicesJson = '';
  private signature = '';
  private computedAt = -Infinity;
  private official: Partial<Record<ServiceId, OfficialServiceStatus>> = {};
  private readonly incidents: IncidentBook;
  /** New counts since the last evaluation; a status read evaluates first, so it never serves them late. */
  private dirty = false;
  private lastEvaluated = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly detector: Detector,
    private readonly store: Store,
    private readonly opts: {
      services: readonly ServiceId[];
      now: () => number;
      recomputeMs: number;
      cacheControl: string;
      mirrorOfficial: boolean;
      /** The recent window: wall length, and its length in real minutes (differs in compressed time). */
      window: { ms: number; minutes: number };
      onChange: (body: string) => void;
      log: (line: string) => void;
    },
  ) {
    this.incidents = new IncidentBook(store, opts.log);
  }

  /** Restores persisted statuses and open incidents. */
  async load(): Promise<void> {
    for (const [service, s] of await this.store.loadServiceStates()) this.detector.restore(service as ServiceId, s.status, s.since);
    await this.incidents.load();
    this.recompute();
  }

  /** The cached status; recomputed first when older than recomputeMs (so an injected clock is honoured). */
  current(): StatusView {
    if (!this.view || this.dirty || this.opts.now() - this.computedAt >= this.opts.recomputeMs) this.recompute();
    return this.view as StatusView;
  }

  /**
   * New counts arrived (a committed batch): evaluate soon, at most once per EVALUATE_EVERY_MS of real time. Under load a
   * batch commits every few ms and an evaluation weighs every provider in the window, which made it a quarter of the
   * HTTP thread's work; reads and streams still see every batch (a read evaluates first when counts are pending).
   */
  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastEvaluated + EVALUATE_EVERY_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) this.recompute();
    }, wait);
    this.timer.unref();
  }

  /** Shutdown: evaluates what is pending now (its transitions are stored before the store closes), then no more timers. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty) this.recompute();
  }

  /** Re-evaluates every service now. Cheap per call (in-memory counters), but it grows with the providers in the window. */
  recompute(): void {
    const now = this.opts.now();
    this.dirty = false;
    this.lastEvaluated = performance.now();
    this.computedAt = now;
    const { readings, transitions } = this.detector.evaluate(now);
    for (const t of transitions) this.onTransition(t);
    for (const service of this.opts.services) this.incidents.seen(service, readings[service].ratePerHour);
    const services = {} as Record<ServiceId, ServiceStatusDto>;
    for (const service of this.opts.services) services[service] = this.dto(readings[service], service);
    const servicesJson = JSON.stringify(services);
    if (this.view && servicesJson === this.servicesJson) return;
    this.servicesJson = servicesJson;
    const payload: StatusResponse = { services, updatedAt: new Date(now).toISOString() };
    const body = JSON.stringify(payload);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const bytes = Buffer.from(body);
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': bytes.length,
      ETag: etag,
      'Cache-Control': this.opts.cacheControl,
    };
    this.view = { body, payload, etag, bytes, headers };
    const signature = this.opts.services.map((s) => `${services[s].status}/${services[s].official?.state ?? '-'}`).join(',');
    if (signature !== this.signature) {
      this.signature = signature;
      this.opts.onChange(body);
    }
  }

  /** Takes Apple's word from the mirror; opens/closes `official` incidents. */
  setOfficial(status: Record<ServiceId, OfficialServiceStatus>): void {
    const now = this.opts.now();
    for (const service of this.opts.services) this.incidents.official(service, status[service], now);
    this.official = status;
    this.recompute();
  }

  /** Incidents (as listed from storage, e.g. the in-memory IncidentList), with the live peak of any still open. */
  withLivePeaks(rows: IncidentRow[]): IncidentRow[] {
    return this.incidents.withLivePeaks(rows);
  }

  /** Resolves when pending incident writes are done. */
  settled(): Promise<void> {
    return this.incidents.settled();
  }

  private dto(r: ServiceReading, service: ServiceId): ServiceStatusDto {
    const dto: ServiceStatusDto = {
      status: r.status,
      since: new Date(r.since).toISOString(),
      reportsLastHour: r.reportsLastHour,
      baselinePerHour: r.baselinePerHour,
      topProblems: r.topProblems,
      networksInWindow: r.problems.networks,
      countedNetworksInWindow: r.problems.counted,
      providersInWindow: r.problems.providers,
      workingNetworksInWindow: r.working.networks,
      topCountries: r.topCountries,
      reportsInWindow: r.recentReports,
      windowMinutes: this.opts.window.minutes,
      windowMs: this.opts.window.ms,
      current: r.current,
      networksLast24h: r.networksLast24h,
      baselineFromHistory: r.baselineFromHistory,
    };
    if (this.opts.mirrorOfficial) dto.official = this.official[service] ?? null;
    return dto;
  }

  private onTransition(t: Transition): void {
    this.opts.log(`status ${t.service}: ${t.from} → ${t.to} (rate ${t.ratePerHour}/h)`);
    this.incidents.enqueue(() => this.store.saveServiceState(t.service, t.to, t.at));
    this.incidents.transition(t);
  }
}
