import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_COLOURS } from '../../build/icon-design.ts';
import { LINUX_APP_SIZES, WINDOWS_TRAY_SIZES, iconFiles } from '../../build/make-icons.ts';
import { allTrayIconFiles } from '../../main/shell/tray-icon.ts';
import { decodeIco, decodePng } from './png-decode.ts';

const BUILD = join(import.meta.dirname, '..', '..', 'build');
const generated = iconFiles();

function opaquePixels(data: Uint8Array): number {
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
  return n;
}

describe('generated icons', () => {
  it('are committed exactly as the generator makes them', () => {
    for (const [name, bytes] of generated) {
      expect(readFileSync(join(BUILD, name)).equals(bytes), `${name} differs from the generator; run npx tsx build/make-icons.ts`).toBe(
        true,
      );
    }
  });

  it('cover every tray file the shell can ask for, with @2x beside each macOS image', () => {
    for (const name of allTrayIconFiles()) {
      expect(generated.has(`icons/tray/${name}`)).toBe(true);
      if (name.includes('Template') || name.includes('-mac'))
        expect(generated.has(`icons/tray/${name.replace('.png', '@2x.png')}`)).toBe(true);
    }
  });

  it('macOS template images are pure black with alpha, at 16 px and 32 px (@2x)', () => {
    const templates = [...generated.keys()].filter((n) => n.includes('Template'));
    expect(templates.length).toBeGreaterThanOrEqual(6);
    for (const name of templates) {
      const image = decodePng(generated.get(name) as Buffer);
      expect(image.width).toBe(name.includes('@2x') ? 32 : 16);
      for (let i = 0; i < image.data.length; i += 4) {
        if ((image.data[i + 3] ?? 0) === 0) continue;
        expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([0, 0, 0]);
      }
      expect(opaquePixels(image.data)).toBeGreaterThan(20);
    }
  });

  it('alert icons carry their colour and differ from each other', () => {
    const outage = decodePng(generated.get('icons/tray/tray-outage.png') as Buffer);
    const ok = decodePng(generated.get('icons/tray/tray-operational.png') as Buffer);
    const firstOpaque = (d: Uint8Array) => {
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 255) return [d[i], d[i + 1], d[i + 2]];
      return null;
    };
    expect(firstOpaque(outage.data)).toEqual([...ICON_COLOURS.outage]);
    expect(firstOpaque(ok.data)).toEqual([...ICON_COLOURS.operational]);
    expect(Buffer.from(outage.data).equals(Buffer.from(ok.data))).toBe(false);
  });

  it('Windows tray ICOs hold 16, 20, 24 and 32 px images', () => {
    for (const name of [...generated.keys()].filter((n) => n.endsWith('.ico') && n.startsWith('icons/tray/'))) {
      expect(decodeIco(generated.get(name) as Buffer).map((i) => i.width)).toEqual(WINDOWS_TRAY_SIZES);
    }
  });

  it('app icons exist at the sizes the packagers need', () => {
    expect(decodePng(generated.get('icon.png') as Buffer).width).toBeGreaterThanOrEqual(512);
    expect(decodeIco(generated.get('icon.ico') as Buffer).map((i) => i.width)).toContain(256);
    for (const s of LINUX_APP_SIZES) expect(decodePng(generated.get(`icons/linux/${s}x${s}.png`) as Buffer).height).toBe(s);
  });
});
