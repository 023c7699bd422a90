// Whether a server heard at most one network in the last 24 h, exactly: the popover then says "only this computer (or
// your network)" whatever the server's address. The hourly samples add up per hour, so one network reporting in two
// hours reads as two there; this keeps, per service and hour, the first two distinct network prefixes that reported a
// problem (memory only, never stored: at most 48 short strings per service, and none once an hour holds two).
export class NetworksHeard {
  private readonly hours = new Map<string, Map<number, string[]>>();

  constructor(
    private readonly hourMs: number,
    /** When this process began to listen: hours wholly before it were not seen here. */
    readonly startedAt: number,
  ) {}

  /** Whether a problem report of `service` now could change the answer (this hour holds fewer than two networks). */
  wants(service: string, now: number): boolean {
    return (this.hours.get(service)?.get(now - (now % this.hourMs))?.length ?? 0) < 2;
  }

  /** Notes a problem report's network prefix. */
  note(service: string, now: number, prefix: string): void {
    let byHour = this.hours.get(service);
    if (!byHour) this.hours.set(service, (byHour = new Map()));
    const hour = now - (now % this.hourMs);
    const seen = byHour.get(hour) ?? [];
    if (seen.length < 2 && !seen.includes(prefix)) seen.push(prefix);
    byHour.set(hour, seen);
    for (const h of byHour.keys()) if (h <= hour - 24 * this.hourMs) byHour.delete(h);
  }

  /** Distinct networks heard in the last 24 h, when that is 0 or 1; null when it is more (or unknown). */
  atMostOne(service: string, now: number): 0 | 1 | null {
    const seen = new Set<string>();
    for (const [hour, prefixes] of this.hours.get(service) ?? []) if (hour > now - 24 * this.hourMs) for (const p of prefixes) seen.add(p);
    return seen.size <= 1 ? (seen.size as 0 | 1) : null;
  }
}
