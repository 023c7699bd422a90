// The one vector description every icon is drawn from: a speech bubble whose glyph and colour say the level.
// Coordinates are in a 32×32 box; shapes are signed-distance functions, anti-aliased by supersampling.
import type { RgbaImage } from './png.ts';

export type IconLevel = 'operational' | 'degraded' | 'outage' | 'offline' | 'unknown';
type Sdf = (x: number, y: number) => number;
type Layer = { op: 'fill' | 'cut'; shape: Sdf };

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Sdf =>
  (x, y) => {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
    const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Sdf =>
  (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * t, py - dy * t) - width / 2;
  };

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const ring =
  (shape: Sdf, width: number): Sdf =>
  (x, y) =>
    Math.abs(shape(x, y)) - width / 2;

const body = roundedRect(3, 4, 29, 23, 7);
const tail = segment(11, 20, 7.5, 26.5, 4.4);
const bubble: Sdf = (x, y) => Math.min(body(x, y), tail(x, y));

/** Glyph and outline per level: filled bubbles for definite answers, hollow ones for "can't tell". */
export const ICON_LAYERS: Record<IconLevel, Layer[]> = {
  operational: [
    { op: 'fill', shape: bubble },
    { op: 'cut', shape: segment(10, 13.5, 14, 17.5, 2.6) },
    { op: 'cut', shape: segment(14, 17.5, 22, 9.5, 2.6) },
  ],
  degraded: [
    { op: 'fill', shape: bubble },
    { op: 'cut', shape: segment(16, 8.5, 16, 15, 2.8) },
    { op: 'cut', shape: circle(16, 19, 1.6) },
  ],
  outage: [
    { op: 'fill', shape: bubble },
    { op: 'cut', shape: segment(11.5, 9, 20.5, 18, 2.6) },
    { op: 'cut', shape: segment(20.5, 9, 11.5, 18, 2.6) },
  ],
  offline: [
    { op: 'fill', shape: ring(body, 2.2) },
    { op: 'fill', shape: segment(10.5, 23, 7.5, 28, 2.2) },
    { op: 'fill', shape: segment(7, 28, 26, 3, 2.2) },
  ],
  unknown: [
    { op: 'fill', shape: ring(body, 2.2) },
    { op: 'fill', shape: segment(10.5, 23, 7.5, 28, 2.2) },
    { op: 'fill', shape: circle(10.5, 13.5, 1.7) },
    { op: 'fill', shape: circle(16, 13.5, 1.7) },
    { op: 'fill', shape: circle(21.5, 13.5, 1.7) },
  ],
};

export type Rgb = readonly [number, number, number];

/** Colours for the coloured variants; template images are black and only their alpha carries the shape. */
export const ICON_COLOURS: Record<IconLevel, Rgb> = {
  operational: [52, 199, 89],
  degraded: [255, 159, 10],
  outage: [255, 59, 48],
  offline: [142, 142, 147],
  unknown: [142, 142, 147],
};

export const TEMPLATE_BLACK: Rgb = [0, 0, 0];

const SUBSAMPLES = 4;

function insideAt(layers: Layer[], x: number, y: number): boolean {
  let inside = false;
  for (const layer of layers) {
    const hit = layer.shape(x, y) <= 0;
    inside = layer.op === 'fill' ? inside || hit : inside && !hit;
  }
  return inside;
}

/** Rasterises one level at `size`×`size` pixels in one colour. */
export function renderIcon(level: IconLevel, size: number, colour: Rgb): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const layers = ICON_LAYERS[level];
  const scale = 32 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const cx = (px + 0.5) * scale;
      const cy = (py + 0.5) * scale;
      // Far from every edge, the pixel is wholly in or out: no need to supersample it.
      const nearEdge = layers.some((layer) => Math.abs(layer.shape(cx, cy)) < scale);
      let covered = 0;
      if (!nearEdge) covered = insideAt(layers, cx, cy) ? SUBSAMPLES * SUBSAMPLES : 0;
      else
        for (let sy = 0; sy < SUBSAMPLES; sy++) {
          for (let sx = 0; sx < SUBSAMPLES; sx++) {
            const x = (px + (sx + 0.5) / SUBSAMPLES) * scale;
            const y = (py + (sy + 0.5) / SUBSAMPLES) * scale;
            if (insideAt(layers, x, y)) covered++;
          }
        }
      const i = (py * size + px) * 4;
      const alpha = Math.round((255 * covered) / (SUBSAMPLES * SUBSAMPLES));
      if (alpha === 0) continue;
      data[i] = colour[0];
      data[i + 1] = colour[1];
      data[i + 2] = colour[2];
      data[i + 3] = alpha;
    }
  }
  return { width: size, height: size, data };
}
