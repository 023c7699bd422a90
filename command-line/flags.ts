// Every command's flags (`npm run monitor`, `web`, `aggregator`, `lab`), parsed by node:util parseArgs with one set
// of messages and one way out: bad arguments print "<command>: <why>", a blank line and the usage, and exit 2.
import { parseArgs } from 'node:util';
import { errorText } from '../contracts/results.ts';

/** A bad command line: the message names the flag and what it needs. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values<T extends FlagSpec> = { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean };

/** Parses `argv` strictly against `flags`; throws UsageError ("--port needs a value", "unknown option --x"). */
export function parseFlags<T extends FlagSpec>(
  argv: readonly string[],
  flags: T,
  opts: { positionals?: boolean } = {},
): { values: Values<T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: flags,
      strict: true,
      allowPositionals: opts.positionals ?? false,
    });
    return { values: values as Values<T>, positionals };
  } catch (error) {
    throw new UsageError(plainWords(error));
  }
}

/** parseArgs' own messages, in ours. */
function plainWords(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = errorText(error);
  const named = /'([^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${named}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${named}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return message.includes('does not take') ? `${named} takes no value` : `${named} needs a value`;
  return message;
}

/** The one error style: "<command>: <why>", a blank line, the usage (for stderr; exit 2). */
export function usageFailure(command: string, why: string, usage: string): string {
  return `${command}: ${why}\n\n${usage}`;
}

/** A whole number from `min` to `max`, or a UsageError naming the flag. */
export function wholeNumber(flag: string, text: string, min: number, max: number, unit = ''): number {
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} must be a whole number${unit} from ${min} to ${max}, got "${text}"`);
  return n;
}

/** A TCP port (0 = any free one). */
export const portNumber = (flag: string, text: string): number => wholeNumber(flag, text, 0, 65_535);

/** An http(s) URL without trailing slashes. */
export function httpUrl(flag: string, text: string): string {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // named below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new UsageError(`${flag} must be an http(s) URL, got "${text}"`);
  return text.replace(/\/+$/, '');
}
