// Neutral, non-Apple reference: tells "Apple unreachable" from "internet unreachable".
import type { ProbeOutcome, ProbeResult } from '../../../contracts/status.ts';
import { httpRequest, type HttpResponse } from '../net/http-request.ts';
import type { ProbeContext } from './context.ts';
import { classifyError, guarded, buildProbeResult, urlTarget, type Classified } from './outcome.ts';

/** Asks every reference URL at once; the first HTTP answer of any status wins and cancels the rest. */
export function probeInternet(ctx: ProbeContext): Promise<ProbeResult> {
  const urls = ctx.targets.referenceUrls;
  const target = urls.map(urlTarget).join(', ') || 'no reference hosts';
  return guarded(ctx, 'internet', target, async (at, startedMs) => {
    if (urls.length === 0)
      return buildProbeResult(ctx, 'internet', target, at, startedMs, { outcome: 'error', detail: 'no reference URLs configured' });
    const abort = new AbortController();
    const attempts = urls.map(async (url): Promise<{ url: string; res: HttpResponse }> => {
      const res = await httpRequest(url, {
        timeoutMs: ctx.timings.timeoutMs,
        lookup: ctx.resolver.lookup,
        ca: ctx.ca,
        secureContext: ctx.secureContext,
        maxBodyBytes: 1024,
        signal: abort.signal,
      });
      return { url, res };
    });
    try {
      const { url, res } = await Promise.any(attempts);
      abort.abort();
      return buildProbeResult(ctx, 'internet', urlTarget(url), at, startedMs, {
        outcome: 'ok',
        connectMs: res.timing.connectMs,
        httpStatus: res.status,
        detail: `${urlTarget(url)} answered HTTP ${res.status}`,
      });
    } catch (error) {
      const errors = error instanceof AggregateError ? error.errors : [error];
      const failures = errors.map((e: unknown, i) => classifyError(e, urlTarget(urls[i] ?? '')));
      return buildProbeResult(ctx, 'internet', target, at, startedMs, summarise(failures));
    }
  });
}

/** The most common failure outcome (the first URL's on a tie), with every URL's sentence. */
function summarise(failures: Classified[]): Classified {
  const counts = new Map<ProbeOutcome, number>();
  for (const f of failures) counts.set(f.outcome, (counts.get(f.outcome) ?? 0) + 1);
  let best: ProbeOutcome = failures[0]?.outcome ?? 'error';
  for (const [outcome, n] of counts) if (n > (counts.get(best) ?? 0)) best = outcome;
  return { outcome: best, detail: `no reference host answered: ${failures.map((f) => f.detail).join('; ')}` };
}
