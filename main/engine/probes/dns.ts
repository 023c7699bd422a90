// DNS: every push and identity host name must resolve through the configured resolver.
import type { ProbeResult } from '../../../contracts/status.ts';
import { DnsLookupError, describeDnsCode } from '../net/resolver.ts';
import type { ProbeContext } from './context.ts';
import { guarded, buildProbeResult } from './outcome.ts';

/** Resolves targets.dnsHosts concurrently; any name that fails makes it dns-error. */
export function probeDns(ctx: ProbeContext): Promise<ProbeResult> {
  const hosts = ctx.targets.dnsHosts;
  const servers = ctx.resolver.servers.length > 0 ? ctx.resolver.servers.join(', ') : 'system resolver';
  const target = `${hosts.join(', ')} via ${servers}`;
  return guarded(ctx, 'dns', target, async (at, startedMs) => {
    if (hosts.length === 0)
      return buildProbeResult(ctx, 'dns', target, at, startedMs, { outcome: 'error', detail: 'no host names configured' });
    const timeoutMs = ctx.timings.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const lookups = Promise.allSettled(hosts.map((h) => ctx.resolver.resolve(h)));
    const settled = await Promise.race([lookups, deadline]);
    clearTimeout(timer);
    if (settled === 'timeout') {
      return buildProbeResult(ctx, 'dns', target, at, startedMs, {
        outcome: 'dns-error',
        detail: `no DNS answer within ${timeoutMs} ms (${servers})`,
      });
    }
    const failed = settled.flatMap((s, i) => {
      if (s.status === 'fulfilled') return [];
      const reason = s.reason instanceof DnsLookupError ? describeDnsCode(s.reason.code) : String(s.reason);
      return [`${hosts[i] ?? '?'}: ${reason}`];
    });
    if (failed.length > 0) {
      return buildProbeResult(ctx, 'dns', target, at, startedMs, {
        outcome: 'dns-error',
        detail: `${failed.length} of ${hosts.length} names did not resolve (${failed.join('; ')})`,
      });
    }
    return buildProbeResult(ctx, 'dns', target, at, startedMs, { outcome: 'ok', detail: `${hosts.length} names resolved via ${servers}` });
  });
}
