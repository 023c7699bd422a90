// Which autonomous system (provider) and country an address belongs to, from the shipped datasets:
// @ip-location-db/asn (Route Views, DB-IP, NRO; CC BY 4.0) and @ip-location-db/geo-whois-asn-country (NRO data).
import { dirname, join } from 'node:path';
import type { ParsedAddress } from '../http/ip-address.ts';
import { decimal, packageFile, readIpv4, readIpv6 } from './dataset-files.ts';
import type { Ipv4Ranges, Ipv6Ranges } from './range-table.ts';
import { cachedTables, tableCacheFile, type ProviderTables } from './table-cache.ts';

const ASN_PACKAGE = '@ip-location-db/asn';
const COUNTRY_PACKAGE = '@ip-location-db/geo-whois-asn-country';

/** AS number and country of addresses; 0 / null where the datasets know none (private, loopback, unannounced). */
export class ProviderLookup {
  constructor(
    private readonly asn4: Ipv4Ranges,
    private readonly asn6: Ipv6Ranges,
    private readonly country4: Ipv4Ranges,
    private readonly country6: Ipv6Ranges,
    /** Country codes by index (1-based in the tables: 0 means none). */
    private readonly countries: readonly string[],
  ) {}

  /** The AS announcing `a`, or 0. */
  asnOf(a: ParsedAddress): number {
    return a.family === 4 ? this.asn4.find(ipv4Number(a.bytes)) : this.asn6.find(word(a.bytes, 0), word(a.bytes, 4));
  }

  /** The ISO 3166 country code registered for `a`, or null. */
  countryOf(a: ParsedAddress): string | null {
    const i = a.family === 4 ? this.country4.find(ipv4Number(a.bytes)) : this.country6.find(word(a.bytes, 0), word(a.bytes, 4));
    return i > 0 ? (this.countries[i - 1] ?? null) : null;
  }

  /** Ranges held and the bytes of their typed arrays (the README's memory figure). */
  get footprint(): { ranges: number; bytes: number } {
    const tables = [this.asn4, this.asn6, this.country4, this.country6];
    return { ranges: tables.reduce((n, t) => n + t.size, 0), bytes: tables.reduce((n, t) => n + t.bytes, 0) };
  }
}

let shared: ProviderLookup | null = null;

/** The datasets, read once per process (parsed ≈ 1.3 s the first time, then from a binary cache in milliseconds). */
export function loadProviderLookup(): ProviderLookup {
  if (shared) return shared;
  const files = {
    asn4: packageFile(ASN_PACKAGE, 'asn-ipv4-num.csv'),
    asn6: packageFile(ASN_PACKAGE, 'asn-ipv6.csv'),
    country4: packageFile(COUNTRY_PACKAGE, 'geo-whois-asn-country-ipv4-num.csv'),
    country6: packageFile(COUNTRY_PACKAGE, 'geo-whois-asn-country-ipv6.csv'),
  };
  // node_modules/@ip-location-db/asn → node_modules/.cache/imsm-provider-tables
  const cacheDir = join(dirname(files.asn4), '..', '..', '.cache', 'imsm-provider-tables');
  const t = cachedTables(tableCacheFile(cacheDir, Object.values(files)), () => parseTables(files));
  shared = new ProviderLookup(t.asn4, t.asn6, t.country4, t.country6, t.countries);
  return shared;
}

/** The four CSV files as range tables (AS numbers; country codes as 1-based indexes into `countries`). */
export function parseTables(files: { asn4: string; asn6: string; country4: string; country6: string }): ProviderTables {
  const asn = (text: string, from: number, to: number) => {
    const n = decimal(text, from, to);
    return n > 0 && n <= 0xffffffff ? n : 0;
  };
  const countries: string[] = [];
  const index = new Map<string, number>();
  const country = (text: string, from: number, to: number) => {
    const field = text.slice(from, to);
    if (!/^[A-Z]{2}$/.test(field)) return 0;
    let i = index.get(field);
    if (i === undefined) {
      countries.push(field);
      index.set(field, (i = countries.length));
    }
    return i;
  };
  return {
    asn4: readIpv4(files.asn4, asn),
    asn6: readIpv6(files.asn6, asn),
    country4: readIpv4(files.country4, country),
    country6: readIpv6(files.country6, country),
    countries,
  };
}

function ipv4Number(b: Uint8Array): number {
  return (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
}

function word(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
}
