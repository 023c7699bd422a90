// Throwaway certificate authorities and leaf certificates for loopback TLS servers.
// Keys come from node:crypto (fast, native); node-forge only assembles and signs the certificates.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { cached, stillValid } from './cert-cache.ts';

export interface TestCa {
  commonName: string;
  /** Issuer organisation the leaf certificates will carry (what the probes compare with `appleIssuers`). */
  organisation: string;
  certPem: string;
  keyPem: string;
}

export interface LeafCert {
  certPem: string;
  keyPem: string;
  /** Leaf followed by its CA, as a server sends it. */
  chainPem: string;
}

/** The three CAs the kit uses: one the engine trusts, one it does not, one trusted but not Apple's (TLS inspection). */
export interface TestPki {
  trusted: TestCa;
  untrusted: TestCa;
  interceptor: TestCa;
}

function newRsaKey(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), keyPem };
}

function serial(): string {
  // Positive serial: clear the top bit.
  const bytes = randomBytes(12);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate): void {
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + 30 * 24 * 3600_000);
}

/** A self-signed CA with the given common name and organisation. */
export function createCa(commonName: string, organisation: string): TestCa {
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  validity(cert);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: organisation },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return { commonName, organisation, certPem: forge.pki.certificateToPem(cert), keyPem: key.keyPem };
}

// One leaf key for all leaves: generating RSA keys is the slow part, and tests never need distinct leaf keys.
function leafKey(): { publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const keyPem = testPki().leafKeyPem;
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { publicKey: forge.pki.setRsaPublicKey(key.n, key.e), keyPem };
}
const leafCache = new Map<string, LeafCert>();

/** A leaf certificate for `hosts` (DNS names, wildcards like `*.push.apple.com`, or IP addresses), signed by `ca`. Cached. */
export function issueLeaf(ca: TestCa, hosts: readonly string[]): LeafCert {
  const cacheKey = `leaf\n${ca.certPem}\n${testPki().leafKeyPem}\n${[...hosts].sort().join(',')}`;
  let leaf = leafCache.get(cacheKey);
  if (!leaf) {
    leaf = cached(
      cacheKey,
      () => signLeaf(ca, hosts),
      (l) => stillValid([l.certPem]),
    );
    leafCache.set(cacheKey, leaf);
  }
  return leaf;
}

function signLeaf(ca: TestCa, hosts: readonly string[]): LeafCert {
  const key = leafKey();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  validity(cert);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  const altNames = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem: key.keyPem, chainPem: certPem + ca.certPem };
}

let pki: (TestPki & { leafKeyPem: string }) | undefined;

/** The kit's CAs (made once, cached on disk). Trust `trusted` and `interceptor` (extraCa); never `untrusted`. */
export function testPki(): TestPki & { leafKeyPem: string } {
  pki ??= cached(
    'pki v1',
    () => ({
      trusted: createCa('Test Apple Server CA', 'Test Apple CA'),
      untrusted: createCa('Untrusted Test CA', 'Nobody Trusts Me Ltd'),
      interceptor: createCa('Inspecting Proxy CA', 'Corporate TLS Inspection Inc'),
      leafKeyPem: newRsaKey().keyPem,
    }),
    (p) => stillValid([p.trusted.certPem, p.untrusted.certPem, p.interceptor.certPem]),
  );
  return pki;
}
