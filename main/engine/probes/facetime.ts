// FaceTime's own HTTPS endpoint: a secondary signal, never the only evidence of an outage.
import type { ProbeResult } from '../../../contracts/status.ts';
import { probeAppleHttps } from './apple-https.ts';
import type { ProbeContext } from './context.ts';

/** Fetches the FaceTime-specific URL (targets.facetimeUrl). */
export function probeFacetime(ctx: ProbeContext): Promise<ProbeResult> {
  return probeAppleHttps(ctx, 'facetime', ctx.targets.facetimeUrl);
}
