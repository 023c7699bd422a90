// Reads the ip-location-db CSV files shipped as npm packages into range tables (a dataset update is a package update).
// Lines are `start,end,value[,name]`: IPv4 bounds as numbers (the *-num files), IPv6 bounds as text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RangeBuilder, type Ipv4Ranges, type Ipv6Ranges } from './range-table.ts';

const require = createRequire(import.meta.url);

/** A file of an installed package; a clear error when the package is missing. */
export function packageFile(pkg: string, file: string): string {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`dataset package ${pkg} is not installed (npm install ${pkg})`);
  }
  return join(root, file);
}

/** A field of a line: `text.slice(from, to)` without making the slice. */
export type FieldValue = (text: string, from: number, to: number) => number;

/** Calls `row(line start, comma 1, comma 2, value end)` for each non-empty line: fields are read in place, not sliced. */
function eachRow(path: string, row: (text: string, at: number, c1: number, c2: number, valueEnd: number, line: number) => void): void {
  const text = readFileSync(path, 'latin1');
  let at = 0;
  let line = 0;
  while (at < text.length) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    line += 1;
    const c1 = text.indexOf(',', at);
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    if (c1 < 0 || c2 < 0 || c2 > eol) {
      if (eol - at > 1) throw new Error(`${path}:${line}: expected start,end,value`);
    } else {
      const c3 = text.indexOf(',', c2 + 1);
      const valueEnd = c3 >= 0 && c3 < eol ? c3 : text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      row(text, at, c1, c2, valueEnd, line);
    }
    at = eol + 1;
  }
}

/** A decimal field as a number; NaN when it is not one. */
export function decimal(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return NaN;
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** IPv4 ranges from a *-num file; `value` maps the third field to a number (0 = no value: the range is skipped). */
export function readIpv4(path: string, value: FieldValue): Ipv4Ranges {
  const b = new RangeBuilder();
  const start = [0];
  const end = [0];
  eachRow(path, (text, at, c1, c2, valueEnd, line) => {
    start[0] = decimal(text, at, c1);
    end[0] = decimal(text, c1 + 1, c2);
    if (!((start[0] as number) <= (end[0] as number) && (end[0] as number) <= 0xffffffff)) throw new Error(`${path}:${line}: bad range`);
    const n = value(text, c2 + 1, valueEnd);
    if (n > 0) b.add(start, end, n);
  });
  return b.ipv4();
}

/** IPv6 ranges from a text file, on the top 64 bits of each bound. */
export function readIpv6(path: string, value: FieldValue): Ipv6Ranges {
  const b = new RangeBuilder();
  const start = [0, 0];
  const end = [0, 0];
  eachRow(path, (text, at, c1, c2, valueEnd, line) => {
    if (!ipv6Top64(text, at, c1, start) || !ipv6Top64(text, c1 + 1, c2, end)) throw new Error(`${path}:${line}: bad IPv6 range`);
    const n = value(text, c2 + 1, valueEnd);
    if (n > 0) b.add(start, end, n);
  });
  return b.ipv6();
}

const groups = new Uint16Array(8);

/**
 * Writes the top 64 bits of the IPv6 text in text[from, to) (no embedded IPv4) into out[0] (high) and out[1] (low);
 * false when malformed. One pass over the characters: the datasets hold hundreds of thousands of these.
 */
export function ipv6Top64(text: string, from: number, to: number, out: number[]): boolean {
  let n = 0;
  let gapAt = -1;
  let value = 0;
  let digits = 0;
  let afterGap = false;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      if (digits > 0) {
        if (n >= 8) return false;
        groups[n++] = value;
      } else if (!(i === from && text.charCodeAt(i + 1) === 58)) return false;
      value = 0;
      digits = 0;
      afterGap = i + 1 < to && text.charCodeAt(i + 1) === 58;
      if (afterGap) {
        if (gapAt >= 0) return false;
        gapAt = n;
        i += 1;
      }
      continue;
    }
    const h = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (h < 0 || digits === 4) return false;
    value = value * 16 + h;
    digits += 1;
    afterGap = false;
  }
  if (digits > 0) {
    if (n >= 8) return false;
    groups[n++] = value;
  } else if (!afterGap) return false;
  if (gapAt < 0 ? n !== 8 : n > 7) return false;
  const fill = 8 - n;
  const g = (k: number) => (gapAt < 0 || k < gapAt ? (groups[k] as number) : k < gapAt + fill ? 0 : (groups[k - fill] as number));
  out[0] = ((g(0) << 16) | g(1)) >>> 0;
  out[1] = ((g(2) << 16) | g(3)) >>> 0;
  return true;
}
