// Identity services: the configuration bag iMessage and FaceTime activation fetch.
import type { ProbeResult } from '../../../contracts/status.ts';
import { probeAppleHttps } from './apple-https.ts';
import type { ProbeContext } from './context.ts';

/** Fetches the identity services bag (targets.idsUrl). */
export function probeIds(ctx: ProbeContext): Promise<ProbeResult> {
  return probeAppleHttps(ctx, 'ids', ctx.targets.idsUrl);
}
