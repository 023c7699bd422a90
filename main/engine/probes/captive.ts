// Captive-portal check: Apple's page answers a document titled "Success"; a portal answers anything else.
import type { ProbeResult } from '../../../contracts/status.ts';
import { httpRequest } from '../net/http-request.ts';
import type { ProbeContext } from './context.ts';
import { classifyError, guarded, buildProbeResult, urlTarget } from './outcome.ts';

/** The text of the first <title>, trimmed, or null. */
export function pageTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return m?.[1] === undefined ? null : m[1].replace(/\s+/g, ' ').trim();
}

/** GETs targets.captiveUrl: title Success → ok; a redirect, 511 or any other page → portal. */
export function probeCaptive(ctx: ProbeContext): Promise<ProbeResult> {
  const url = ctx.targets.captiveUrl;
  const target = urlTarget(url);
  return guarded(ctx, 'captive', target, async (at, startedMs) => {
    try {
      const res = await httpRequest(url, {
        timeoutMs: ctx.timings.timeoutMs,
        lookup: ctx.resolver.lookup,
        ca: ctx.ca,
        secureContext: ctx.secureContext,
        maxBodyBytes: 16_384,
      });
      const base = { connectMs: res.timing.connectMs, httpStatus: res.status };
      const title = pageTitle(res.body);
      if (res.status >= 200 && res.status < 300 && title === 'Success') {
        return buildProbeResult(ctx, 'captive', target, at, startedMs, {
          ...base,
          outcome: 'ok',
          detail: `${target} answered the Success page`,
        });
      }
      // Portals redirect to their login page or answer 511; plain server errors are not a portal.
      if ((res.status >= 300 && res.status < 400) || res.status === 511 || (res.status >= 200 && res.status < 300)) {
        const what =
          res.status >= 300 && res.status < 400
            ? `redirected to ${res.headers.location ?? 'another page'}`
            : `a page titled "${title ?? 'untitled'}"`;
        return buildProbeResult(ctx, 'captive', target, at, startedMs, {
          ...base,
          outcome: 'portal',
          detail: `${target} answered ${what} instead of Success: a captive portal is in the way`,
        });
      }
      return buildProbeResult(ctx, 'captive', target, at, startedMs, {
        ...base,
        outcome: 'http-error',
        detail: `${target} answered HTTP ${res.status}`,
      });
    } catch (error) {
      return buildProbeResult(ctx, 'captive', target, at, startedMs, classifyError(error, target));
    }
  });
}
