// When browser mode and the e2e rebuild the popover: missing, foreign or out-of-date pages are rebuilt.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererIsStale } from '../../main/web/renderer-build.ts';

const VITE_PAGE = '<!doctype html><script type="module" crossorigin src="./assets/index-abc.js"></script>';
let root = '';

function repo(page: string | null): string {
  root = mkdtempSync(join(tmpdir(), 'imsm-renderer-build-'));
  mkdirSync(join(root, 'renderer'), { recursive: true });
  mkdirSync(join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'main.tsx'), 'export {}');
  utimesSync(join(root, 'renderer', 'main.tsx'), new Date(1_000_000), new Date(1_000_000));
  if (page !== null) writeFileSync(join(root, 'dist', 'renderer', 'index.html'), page);
  return root;
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('rendererIsStale', () => {
  it('is false for a Vite page newer than every source', () => {
    expect(rendererIsStale(repo(VITE_PAGE))).toBe(false);
  });

  it('is true when the page is missing', () => {
    expect(rendererIsStale(repo(null))).toBe(true);
  });

  it('is true for a page Vite did not write (a stand-in left by something else)', () => {
    expect(rendererIsStale(repo('<!doctype html><title>popover</title>'))).toBe(true);
  });

  it('is true when a source changed after the build', () => {
    const dir = repo(VITE_PAGE);
    writeFileSync(join(dir, 'renderer', 'main.tsx'), 'export const changed = 1;');
    utimesSync(join(dir, 'renderer', 'main.tsx'), new Date(), new Date(Date.now() + 60_000));
    expect(rendererIsStale(dir)).toBe(true);
  });
});
