// The import-circle check that `npm run lint` runs: it finds a planted circle, type-only imports and re-exports included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCycles } from '../../scripts/check-import-cycles.ts';

let root = '';

function plant(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('check-import-cycles', () => {
  it('finds a circle made of type-only imports', () => {
    plant({
      'contracts/a.ts': "import type { B } from './b.ts';\nexport type A = { b: B };\n",
      'contracts/b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
    });
    expect(importCycles(root)).toEqual([['contracts/a.ts', 'contracts/b.ts']]);
  });

  it('follows re-exports and imports across folders, and names each circle once', () => {
    plant({
      'main/x.ts': "export { y } from '../lib/y.ts';\n",
      'lib/y.ts': "import { z } from './z.ts';\nexport const y = z;\n",
      'lib/z.ts': "import '../main/x.ts';\nexport const z = 1;\n",
      'lib/leaf.ts': "import { y } from './y.ts';\nexport const leaf = y;\n",
    });
    const cycles = importCycles(root);
    expect(cycles).toHaveLength(1);
    expect([...cycles[0]!].sort()).toEqual(['lib/y.ts', 'lib/z.ts', 'main/x.ts']);
  });

  it('passes a tree without circles, ignoring packages and node_modules', () => {
    plant({
      'a.ts': "import { z } from 'zod';\nimport { b } from './b.ts';\nexport const a = b + String(z);\n",
      'b.ts': 'export const b = 1;\n',
      'node_modules/p/index.ts': "import './other.ts';\n",
      'node_modules/p/other.ts': "import './index.ts';\n",
    });
    expect(importCycles(root)).toEqual([]);
  });
});
