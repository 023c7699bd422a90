// Name resolution through the configured DNS servers, and a `lookup` for net/tls/http built on it,
// so every probe connection resolves the same way the DNS probe does.
import { lookup as systemLookup, promises as dnsPromises, type LookupAddress, type LookupOptions } from 'node:dns';

/** A name that did not resolve; carries the resolver's code (ENOTFOUND, ESERVFAIL, ETIMEOUT, ...). */
export class DnsLookupError extends Error {
  readonly code: string;
  readonly hostname: string;
  constructor(hostname: string, code: string) {
    super(`${hostname} did not resolve (${describeDnsCode(code)})`);
    this.name = 'DnsLookupError';
    this.code = code;
    this.hostname = hostname;
  }
}

/** Words for resolver error codes. */
export function describeDnsCode(code: string): string {
  switch (code) {
    case 'ENOTFOUND':
      return 'no such name';
    case 'ESERVFAIL':
      return 'DNS server failure';
    case 'ETIMEOUT':
    case 'EAI_AGAIN':
      return 'DNS server did not answer';
    case 'ECONNREFUSED':
      return 'DNS server refused the query';
    case 'ENODATA':
      return 'no address for that name';
    case 'EREFUSED':
      return 'DNS server refused the query';
    default:
      return code;
  }
}

export type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** Same shape as dns.lookup, as net.connect / tls.connect / http.request accept it. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

export interface ProbeResolver {
  /** The servers in use; empty means the system's resolver. */
  readonly servers: readonly string[];
  /** Addresses of `hostname`; rejects with DnsLookupError. */
  resolve(hostname: string): Promise<string[]>;
  lookup: LookupFunction;
  /** Cancels queries in flight (their promises reject). */
  cancel(): void;
}

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : 'EUNKNOWN';

/**
 * A resolver honouring `servers` ("127.0.0.1:5353", "1.1.1.1"); with none, the system resolver (getaddrinfo,
 * which also reads the hosts file, as the user's own apps do). `timeoutMs` bounds each query.
 */
export function createResolver(servers: readonly string[], timeoutMs: number): ProbeResolver {
  const custom = servers.length > 0 ? new dnsPromises.Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries: 1 }) : null;
  if (custom) custom.setServers([...servers]);

  const resolveFamilies = async (hostname: string): Promise<{ addresses: string[]; family: 4 | 6 }> => {
    if (!custom) {
      try {
        const found = await dnsPromises.lookup(hostname, { all: true });
        const first = found[0];
        if (!first) throw new DnsLookupError(hostname, 'ENODATA');
        return { addresses: found.map((a) => a.address), family: first.family === 6 ? 6 : 4 };
      } catch (error) {
        throw error instanceof DnsLookupError ? error : new DnsLookupError(hostname, codeOf(error));
      }
    }
    try {
      return { addresses: await custom.resolve4(hostname), family: 4 };
    } catch (error) {
      // A name with only IPv6 addresses answers A queries with NODATA.
      if (codeOf(error) !== 'ENODATA') throw new DnsLookupError(hostname, codeOf(error));
    }
    try {
      return { addresses: await custom.resolve6(hostname), family: 6 };
    } catch (error) {
      throw new DnsLookupError(hostname, codeOf(error));
    }
  };

  const lookup: LookupFunction = (hostname, options, callback) => {
    if (!custom)
      return void systemLookup(hostname, { ...options, all: true }, (err, found) => {
        if (err) return callback(new DnsLookupError(hostname, codeOf(err)), []);
        deliver(found, options, callback);
      });
    resolveFamilies(hostname).then(
      ({ addresses, family }) =>
        deliver(
          addresses.map((address) => ({ address, family })),
          options,
          callback,
        ),
      (error: unknown) => callback(error instanceof DnsLookupError ? error : new DnsLookupError(hostname, codeOf(error)), []),
    );
  };

  return {
    servers: [...servers],
    resolve: async (hostname) => (await resolveFamilies(hostname)).addresses,
    lookup,
    cancel: () => custom?.cancel(),
  };
}

function deliver(found: LookupAddress[], options: LookupOptions, callback: LookupCallback): void {
  const first = found[0];
  if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENODATA' }), []);
  if (options.all) return callback(null, found);
  callback(null, first.address, first.family);
}
