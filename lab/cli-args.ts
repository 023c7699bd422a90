// Command-line arguments of `npm run lab`, parsed like every other command's (command-line/flags.ts).
import { parseFlags, UsageError } from '../command-line/flags.ts';

export const USAGE = `usage: npm run lab -- <scenario.json> [options]

Plays an outage scenario against the real engine; events as JSON Lines, a summary on stderr.

Options:
  --out <file>         write the events to this file instead of stdout
  --help               show this help

Exit codes: 0 every expectation holds, 1 one fails (or the run cannot happen), 2 bad arguments or scenario.`;

export interface LabArgs {
  file: string;
  out: string | null;
  help: boolean;
}

const FLAGS = { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** Parses argv; throws UsageError naming what is wrong. */
export function parseLabArgs(argv: readonly string[]): LabArgs {
  const { values, positionals } = parseFlags(argv, FLAGS, { positionals: true });
  const help = values.help === true;
  if (values.out === '') throw new UsageError('--out needs a value');
  if (positionals.length > 1) throw new UsageError(`one scenario file at a time (got ${positionals.join(' and ')})`);
  const file = positionals[0];
  if (!file && !help) throw new UsageError('no scenario file given');
  return { file: file ?? '', out: values.out ?? null, help };
}
