// Parsing the dataset CSVs costs about 1.3 s of CPU per process; the packed tables they become load in milliseconds.
// So the tables are kept in one binary file under node_modules/.cache beside the datasets, keyed by the packages'
// versions and file sizes, written whole (a temporary file renamed into place). Unreadable or unwritable: parse.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { Ipv4Ranges, Ipv6Ranges } from './range-table.ts';

export interface ProviderTables {
  asn4: Ipv4Ranges;
  asn6: Ipv6Ranges;
  country4: Ipv4Ranges;
  country6: Ipv6Ranges;
  countries: string[];
}

const FORMAT = 'provider-tables v1';

/** The cache file for these dataset files: changes when a package, a file or the format does. */
export function tableCacheFile(cacheDir: string, files: readonly string[]): string {
  const hash = createHash('sha256').update(`${FORMAT} ${endianness()}`);
  for (const f of files) hash.update(`\n${f} ${statSync(f).size}`);
  return join(cacheDir, `${hash.digest('hex').slice(0, 24)}.bin`);
}

function allArrays(t: ProviderTables): Uint32Array[] {
  return [
    t.asn4.starts,
    t.asn4.ends,
    t.asn4.values,
    t.asn6.bounds,
    t.asn6.values,
    t.country4.starts,
    t.country4.ends,
    t.country4.values,
    t.country6.bounds,
    t.country6.values,
  ];
}

/** The tables as bytes: a JSON header (countries, array lengths) padded to 4 bytes, then the arrays. */
export function packTables(t: ProviderTables): Buffer {
  const arrays = allArrays(t);
  let header = Buffer.from(JSON.stringify({ format: FORMAT, countries: t.countries, lengths: arrays.map((a) => a.length) }));
  header = Buffer.concat([header, Buffer.alloc((4 - ((header.length + 4) % 4)) % 4, 32)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  return Buffer.concat([size, header, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

/** The tables back from `packTables`; throws on anything that does not add up. */
export function unpackTables(bytes: Uint8Array): ProviderTables {
  const buffer = new Uint8Array(bytes).buffer; // a copy at offset 0, so Uint32Array views are aligned
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(Buffer.from(buffer, 4, headerLength).toString()) as { format?: string; countries?: unknown; lengths?: unknown };
  const lengths = header.lengths;
  if (header.format !== FORMAT || !Array.isArray(header.countries) || !Array.isArray(lengths) || lengths.length !== 10) {
    throw new Error('not a provider table file');
  }
  let at = 4 + headerLength;
  const arrays = lengths.map((n: unknown) => {
    if (!Number.isInteger(n) || (n as number) < 0 || at + (n as number) * 4 > buffer.byteLength)
      throw new Error('truncated provider table file');
    const array = new Uint32Array(buffer, at, n as number);
    at += (n as number) * 4;
    return array;
  }) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  if (at !== buffer.byteLength) throw new Error('provider table file has trailing bytes');
  const [a4s, a4e, a4v, a6b, a6v, c4s, c4e, c4v, c6b, c6v] = arrays;
  return {
    asn4: new Ipv4Ranges(a4s, a4e, a4v),
    asn6: new Ipv6Ranges(a6b, a6v),
    country4: new Ipv4Ranges(c4s, c4e, c4v),
    country6: new Ipv6Ranges(c6b, c6v),
    countries: header.countries as string[],
  };
}

/** The tables from `file` when it holds them; otherwise `build()`, stored in `file` for the next process. */
export function cachedTables(file: string, build: () => ProviderTables): ProviderTables {
  try {
    return unpackTables(readFileSync(file));
  } catch {
    // missing, stale format or damaged: build it again
  }
  const tables = build();
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, packTables(tables));
    renameSync(temporary, file);
  } catch {
    // a read-only install still works, only slower to start
  }
  return tables;
}
