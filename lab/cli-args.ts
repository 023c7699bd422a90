// Command-line arguments of `npm run lab`.

export const USAGE = 'usage: npm run lab -- <scenario.json> [--out events.jsonl]';

export interface LabArgs {
  file: string;
  out: string | null;
}

/** Parses argv; returns a message for exit 2 instead of throwing. */
export function parseArgs(argv: string[]): LabArgs | string {
  let file: string | null = null;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--out') {
      const next = argv[i + 1];
      if (!next || next.startsWith('--')) return '--out needs a file name';
      out = next;
      i += 1;
    } else if (arg.startsWith('--out=')) {
      out = arg.slice('--out='.length);
      if (!out) return '--out needs a file name';
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else if (file) {
      return `one scenario file at a time (got ${file} and ${arg})`;
    } else file = arg;
  }
  return file ? { file, out } : 'no scenario file given';
}
