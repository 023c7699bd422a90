// Synthetic users: each service's `reports` rate (per minute of wall time) becomes problem reports posted to the
// aggregator, spread evenly, each from a distinct random clientId, as many people reporting once each would.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { ReportBody } from '../../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../../contracts/status.ts';

const PROBLEM: Record<ServiceId, ReportBody['problem']> = { imessage: 'not-delivered', facetime: 'calls-fail' };

export class Reporters {
  private readonly rates = new Map<ServiceId, number>();
  private readonly timers = new Map<ServiceId, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });
  private stopped = false;
  /** Reports accepted (202) and failed, per service. */
  readonly sent: Record<ServiceId, { accepted: number; failed: number }> = {
    imessage: { accepted: 0, failed: 0 },
    facetime: { accepted: 0, failed: 0 },
  };

  /** `reachable()` says whether the aggregator accepts connections now (other users cannot reach a dead one either). */
  constructor(
    private readonly port: number,
    private readonly reachable: () => boolean,
  ) {}

  /** Sets a service's rate in reports per minute; 0 stops it. The first report comes one interval from now. */
  setRate(service: ServiceId, perMinute: number): void {
    if (this.rates.get(service) === perMinute) return;
    this.rates.set(service, perMinute);
    const timer = this.timers.get(service);
    if (timer) clearTimeout(timer);
    this.timers.delete(service);
    if (perMinute > 0 && !this.stopped) this.schedule(service, 60_000 / perMinute, performance.now());
  }

  // Fixed-rate schedule from `origin`, so timer lateness does not lower the rate.
  private schedule(service: ServiceId, intervalMs: number, origin: number, n = 1): void {
    const delay = Math.max(0, origin + n * intervalMs - performance.now());
    const timer = setTimeout(() => {
      if (this.stopped) return;
      this.post(service);
      this.schedule(service, intervalMs, origin, n + 1);
    }, delay);
    this.timers.set(service, timer);
  }

  private post(service: ServiceId): void {
    if (!this.reachable()) {
      this.sent[service].failed += 1;
      return;
    }
    const body: ReportBody = { service, kind: 'problem', problem: PROBLEM[service], clientId: randomUUID() };
    const payload = JSON.stringify(body);
    const done = new Promise<void>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, path: '/v1/reports', method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 202) this.sent[service].accepted += 1;
            else this.sent[service].failed += 1;
            resolve();
          });
          res.on('error', () => resolve());
        },
      );
      req.setTimeout(5_000, () => req.destroy());
      req.on('error', () => {
        this.sent[service].failed += 1;
        resolve();
      });
      req.end(payload);
    });
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
  }

  /** Stops every schedule, waits for reports in flight and closes the connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.inFlight]);
    this.agent.destroy();
  }
}
