// Push courier probes: TCP connect time, then a TLS handshake with Apple's courier ALPN, on 5223 and on 443.
//
// Trust: Apple's courier certificates chain to Apple's own private root ("Apple Root CA"), which is not in
// Mozilla's list and therefore not in Node's bundled roots (tls.rootCertificates has no Apple root at all).
// Third-party courier clients pin that root themselves and verify the name "courier.push.apple.com" rather
// than the numbered "N-courier" host they dial. We cannot ship Apple's root honestly from here, so a completed
// handshake whose chain fails only for want of a root, and whose issuer organisation is Apple's, counts as ok.
// A chain that does validate (our roots or extraCa) but comes from a non-Apple issuer is TLS inspection.
import type { PeerCertificate } from 'node:tls';
import { checkServerIdentity } from 'node:tls';
import type { ProbeId, ProbeResult } from '../../../contracts/status.ts';
import { tlsHandshake } from '../net/tls-handshake.ts';
import { UNKNOWN_ROOT_CODES, isAppleIssuer } from '../net/trust.ts';
import type { ProbeContext } from './context.ts';
import { classifyError, guarded, buildProbeResult } from './outcome.ts';

export const COURIER_ALPN = 'apns-security-v3';

/** Accepts the certificate for the dialled host or, for "N-courier.…", for the un-numbered courier name. */
export function courierIdentity(hostname: string, cert: PeerCertificate): Error | undefined {
  const direct = checkServerIdentity(hostname, cert);
  if (!direct) return undefined;
  const unnumbered = hostname.replace(/^\d+-(?=courier\.)/, '');
  return unnumbered !== hostname ? checkServerIdentity(unnumbered, cert) : direct;
}

async function probeCourier(ctx: ProbeContext, id: ProbeId, port: number): Promise<ProbeResult> {
  const host = ctx.targets.apns.host;
  const target = `${host}:${port}`;
  return guarded(ctx, id, target, async (at, startedMs) => {
    try {
      const hs = await tlsHandshake(host, port, {
        timeoutMs: ctx.timings.timeoutMs,
        lookup: ctx.resolver.lookup,
        ca: ctx.ca,
        secureContext: ctx.secureContext,
        alpn: [COURIER_ALPN],
        checkServerIdentity: courierIdentity,
      });
      const { tls } = hs;
      const apple = isAppleIssuer(tls.issuerOrganisation, ctx.targets.appleIssuers);
      const base = { connectMs: hs.connectMs, tlsIssuer: tls.issuerLabel };
      const alpnNote = hs.alpnProtocol === COURIER_ALPN ? '' : ' (courier protocol not negotiated)';
      if (tls.authorized && !apple) {
        return buildProbeResult(ctx, id, target, at, startedMs, {
          ...base,
          outcome: 'tls-intercepted',
          detail: `${target} presented a certificate from ${tls.issuerLabel ?? 'an unknown issuer'}, not Apple: the network inspects TLS`,
        });
      }
      if (tls.authorized || (apple && UNKNOWN_ROOT_CODES.has(tls.authorizationError ?? ''))) {
        const how = tls.authorized ? 'TLS ok' : "TLS ok, issuer is Apple (Apple's private root is not in Node's store)";
        return buildProbeResult(ctx, id, target, at, startedMs, {
          ...base,
          outcome: 'ok',
          detail: `connected to ${target} in ${Math.round(hs.connectMs)} ms, ${how}${alpnNote}`,
        });
      }
      return buildProbeResult(ctx, id, target, at, startedMs, {
        ...base,
        outcome: 'tls-error',
        detail: `certificate of ${target}${tls.issuerLabel ? ` issued by ${tls.issuerLabel}` : ''} does not validate (${tls.authorizationError ?? 'unknown reason'})`,
      });
    } catch (error) {
      return buildProbeResult(ctx, id, target, at, startedMs, classifyError(error, target));
    }
  });
}

/** Push courier on port 5223 (the port devices prefer). */
export function probeApns5223(ctx: ProbeContext): Promise<ProbeResult> {
  return probeCourier(ctx, 'apns5223', ctx.targets.apns.port5223);
}

/** Push courier on port 443 (the fallback when 5223 is blocked). */
export function probeApns443(ctx: ProbeContext): Promise<ProbeResult> {
  return probeCourier(ctx, 'apns443', ctx.targets.apns.port443);
}
