// Synthetic users: each service's `reports` rate (per minute of wall time) becomes problem reports posted to the
// aggregator, spread evenly, each from a distinct person on a network of their own (their connection bound to a
// loopback address in a /24 nobody else uses: all of 127.0.0.0/8 reaches loopback on Linux). `spam` is one
// attacker: one /24, many addresses inside it, a made-up clientId and idempotency key on every report.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { ReportBody } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';

const PROBLEM: Record<ServiceId, ReportBody['problem']> = { imessage: 'not-delivered', facetime: 'calls-fail' };

/** The attacker's network: 127.250.250.0/24, never handed to a synthetic person. */
const SPAM_NETWORK = '127.250.250';

type Source = 'people' | 'spam' | 'spamWorking';

/** Reports posted: `accepted` answered 202, `refused` any other status (e.g. 429), `failed` no answer at all. */
export interface ReportTally {
  accepted: number;
  refused: number;
  failed: number;
  /** The highest rate a step asked for when it was over the lab's ceiling (it was posted at the ceiling). */
  askedPerMinute?: number;
}

/**
 * The most reports a minute one source posts for one service: a scenario may ask for more ("however high the number"),
 * but the lab, the engine and the aggregator share this machine, so past this the lab would measure its own load.
 */
export const POSTING_CEILING_PER_MINUTE = 60_000;

/** The n-th person's address: 127.A.B.C with (A, B) unique per person, so each is a /24 of their own. */
export function personAddress(n: number): string {
  const slot = n % (249 * 256);
  return `127.${1 + Math.floor(slot / 256)}.${slot % 256}.${1 + (n % 250)}`;
}

export class Reporters {
  private readonly rates = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private people = 0;
  private spamHost = 0;
  private stopped = false;
  /** What became of the reports posted, per source and service. */
  private readonly tally = new Map<string, ReportTally>();

  /** `reachable()` says whether the aggregator accepts connections now (other users cannot reach a dead one either). */
  constructor(
    private readonly port: number,
    private readonly reachable: () => boolean,
    private readonly ceilingPerMinute = POSTING_CEILING_PER_MINUTE,
  ) {}

  /** Sets a service's rate of reports from distinct people per minute; 0 stops it. */
  setRate(service: ServiceId, perMinute: number): void {
    this.setSchedule('people', service, perMinute);
  }

  /** Sets the attacker's rate of problem (or "working") reports for a service per minute; 0 stops it. */
  setSpamRate(service: ServiceId, perMinute: number, kind: ReportBody['kind'] = 'problem'): void {
    this.setSchedule(kind === 'working' ? 'spamWorking' : 'spam', service, perMinute);
  }

  // The first report comes one interval from now.
  private setSchedule(source: Source, service: ServiceId, asked: number): void {
    const key = `${source}:${service}`;
    if (asked > this.ceilingPerMinute) {
      const tally = this.tallyOf(key);
      tally.askedPerMinute = Math.max(tally.askedPerMinute ?? 0, asked);
    }
    const perMinute = Math.min(asked, this.ceilingPerMinute);
    if (this.rates.get(key) === perMinute) return;
    this.rates.set(key, perMinute);
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    if (perMinute > 0 && !this.stopped) this.schedule(source, service, 60_000 / perMinute, performance.now());
  }

  // Fixed-rate schedule from `origin`, so timer lateness does not lower the rate.
  private schedule(source: Source, service: ServiceId, intervalMs: number, origin: number, n = 1): void {
    const delay = Math.max(0, origin + n * intervalMs - performance.now());
    const timer = setTimeout(() => {
      if (this.stopped) return;
      this.post(source, service);
      this.schedule(source, service, intervalMs, origin, n + 1);
    }, delay);
    this.timers.set(`${source}:${service}`, timer);
  }

  /** The tally of every source and service that posted anything, keyed `source:service` (e.g. `spam:imessage`). */
  tallies(): Record<string, ReportTally> {
    return Object.fromEntries([...this.tally].map(([key, t]) => [key, { ...t }]));
  }

  private post(source: Source, service: ServiceId): void {
    const tally = this.tallyOf(`${source}:${service}`);
    if (!this.reachable()) {
      tally.failed += 1;
      return;
    }
    const localAddress = source === 'people' ? personAddress(this.people++) : `${SPAM_NETWORK}.${1 + (this.spamHost++ % 250)}`;
    const body: ReportBody =
      source === 'spamWorking'
        ? { service, kind: 'working', clientId: randomUUID(), idempotencyKey: randomUUID() }
        : { service, kind: 'problem', problem: PROBLEM[service], clientId: randomUUID(), idempotencyKey: randomUUID() };
    const payload = JSON.stringify(body);
    const done = new Promise<void>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          localAddress,
          path: '/v1/reports',
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 202) tally.accepted += 1;
            else tally.refused += 1;
            resolve();
          });
          res.on('error', () => resolve());
        },
      );
      req.setTimeout(5_000, () => req.destroy());
      req.on('error', () => {
        tally.failed += 1;
        resolve();
      });
      req.end(payload);
    });
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
  }

  private tallyOf(key: string): ReportTally {
    const tally = this.tally.get(key) ?? { accepted: 0, refused: 0, failed: 0 };
    this.tally.set(key, tally);
    return tally;
  }

  /** Stops every schedule and waits for reports in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.inFlight]);
  }
}
