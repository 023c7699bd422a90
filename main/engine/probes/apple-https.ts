// An Apple HTTPS endpoint: status, certificate validity and issuer, time. Shared by the ids and facetime probes.
import type { ProbeId, ProbeResult } from '../../../contracts/status.ts';
import { httpRequest } from '../net/http-request.ts';
import { isAppleIssuer } from '../net/trust.ts';
import type { ProbeContext } from './context.ts';
import { classifyError, guarded, buildProbeResult, urlTarget } from './outcome.ts';

/** GETs an Apple URL: 2xx/3xx ok, other statuses http-error, a valid non-Apple certificate tls-intercepted. */
export function probeAppleHttps(ctx: ProbeContext, id: ProbeId, url: string): Promise<ProbeResult> {
  const target = urlTarget(url);
  return guarded(ctx, id, target, async (at, startedMs) => {
    try {
      const res = await httpRequest(url, {
        timeoutMs: ctx.timings.timeoutMs,
        lookup: ctx.resolver.lookup,
        ca: ctx.ca,
        secureContext: ctx.secureContext,
        maxBodyBytes: 16_384,
      });
      const base = { connectMs: res.timing.connectMs, httpStatus: res.status, tlsIssuer: res.tls?.issuerLabel };
      if (res.tls && !isAppleIssuer(res.tls.issuerOrganisation, ctx.targets.appleIssuers)) {
        return buildProbeResult(ctx, id, target, at, startedMs, {
          ...base,
          outcome: 'tls-intercepted',
          detail: `${target} presented a certificate from ${res.tls.issuerLabel ?? 'an unknown issuer'}, not Apple: the network inspects TLS`,
        });
      }
      if (res.status >= 200 && res.status < 400) {
        return buildProbeResult(ctx, id, target, at, startedMs, {
          ...base,
          outcome: 'ok',
          detail: `${target} answered HTTP ${res.status}`,
        });
      }
      return buildProbeResult(ctx, id, target, at, startedMs, {
        ...base,
        outcome: 'http-error',
        detail: `${target} answered HTTP ${res.status}`,
      });
    } catch (error) {
      return buildProbeResult(ctx, id, target, at, startedMs, classifyError(error, target));
    }
  });
}
