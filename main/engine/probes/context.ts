// What every probe of one round shares: targets, timings, the resolver, the trust store and the clock.
import { performance } from 'node:perf_hooks';
import type { ProbeTargets, ProbeTimings } from '../ports.ts';
import { createResolver, type ProbeResolver } from '../net/resolver.ts';
import type { SecureContext } from 'node:tls';
import { trustedCa, trustedContext } from '../net/trust.ts';

export interface ProbeContext {
  targets: ProbeTargets;
  timings: ProbeTimings;
  resolver: ProbeResolver;
  /** Node's roots plus targets.extraCa. */
  ca: string[];
  /** The same trust, prebuilt once for every connection. */
  secureContext: SecureContext;
  /** Epoch ms, for `at`. */
  now: () => number;
  /** Monotonic ms, for latencies. */
  elapsed: () => number;
}

/** Builds the shared context of one round. */
export function createProbeContext(targets: ProbeTargets, timings: ProbeTimings, now: () => number = Date.now): ProbeContext {
  return {
    targets,
    timings,
    resolver: createResolver(targets.dnsServers, timings.timeoutMs),
    ca: trustedCa(targets.extraCa),
    secureContext: trustedContext(targets.extraCa),
    now,
    elapsed: () => performance.now(),
  };
}
