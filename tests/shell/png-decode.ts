// Test helper: decodes the PNGs and ICOs build/make-icons.ts writes (RGBA 8-bit, checked CRCs), to look at pixels.
import { inflateSync } from 'node:zlib';
import { PNG_SIGNATURE, crc32 } from '../../build/png.ts';
import type { RgbaImage } from '../../build/png.ts';

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an RGBA 8-bit, non-interlaced PNG; throws on anything else or a bad CRC. */
export function decodePng(bytes: Buffer): RgbaImage {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(bytes.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 6 || body[12] !== 0) throw new Error('expected 8-bit RGBA, not interlaced');
    } else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (data[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (data[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (data[(y - 1) * stride + x - 4] ?? 0) : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] ?? 0;
      data[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, data };
}

/** Lists the entries of an .ico whose images are PNG-compressed; returns each decoded image. */
export function decodeIco(bytes: Buffer): RgbaImage[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an icon file');
  const count = bytes.readUInt16LE(4);
  const images: RgbaImage[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + i * 16;
    const size = bytes.readUInt32LE(e + 8);
    const at = bytes.readUInt32LE(e + 12);
    const image = decodePng(bytes.subarray(at, at + size));
    const declared = bytes[e] === 0 ? 256 : bytes[e];
    if (declared !== image.width) throw new Error(`entry ${i} says ${declared} px, image is ${image.width}`);
    images.push(image);
  }
  return images;
}
