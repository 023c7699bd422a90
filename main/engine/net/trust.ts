// What the probes trust (Node's bundled roots plus configured extra CAs) and who issued a certificate.
import { createSecureContext, rootCertificates, type PeerCertificate, type SecureContext } from 'node:tls';

const cache = new Map<string, string[]>();

/** Node's roots plus `extraCa` (PEM), as a `ca` option. Cached: the list is rebuilt only when extraCa changes. */
export function trustedCa(extraCa: readonly string[]): string[] {
  const key = extraCa.join('\n');
  let ca = cache.get(key);
  if (!ca) {
    // Passing `ca` replaces Node's roots, so they are added back explicitly.
    ca = [...rootCertificates, ...extraCa];
    cache.clear();
    cache.set(key, ca);
  }
  return ca;
}

let contextCache: { key: string; context: SecureContext } | undefined;

/** A TLS context trusting trustedCa(extraCa), built once: parsing ~150 roots per connection would cost ~20 ms each. */
export function trustedContext(extraCa: readonly string[]): SecureContext {
  const key = extraCa.join('\n');
  if (contextCache?.key !== key) contextCache = { key, context: createSecureContext({ ca: trustedCa(extraCa) }) };
  return contextCache.context;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The issuer's organisation, or its common name when there is none. */
export function issuerOrganisation(cert: PeerCertificate | null | undefined): string | undefined {
  if (!cert || !cert.issuer) return undefined;
  return first(cert.issuer.O) ?? first(cert.issuer.CN);
}

/** "CN (O)" of the issuer, for details and `tlsIssuer`. */
export function issuerLabel(cert: PeerCertificate | null | undefined): string | undefined {
  if (!cert || !cert.issuer) return undefined;
  const cn = first(cert.issuer.CN);
  const o = first(cert.issuer.O);
  if (cn && o && cn !== o) return `${cn} (${o})`;
  return cn ?? o;
}

/** True when `organisation` is one of `issuers` (case-insensitive, ignoring punctuation such as "Inc." vs "Inc"). */
export function isAppleIssuer(organisation: string | undefined, issuers: readonly string[]): boolean {
  if (!organisation) return false;
  const norm = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const o = norm(organisation);
  return issuers.some((i) => norm(i) === o);
}

/** OpenSSL verify codes meaning "the chain leads to a root we do not have" (as opposed to expired, wrong name...). */
export const UNKNOWN_ROOT_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);
