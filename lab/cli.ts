// `npm run lab -- <scenario.json> [--out events.jsonl]`: events as JSON Lines to stdout (or the file), a summary
// to stderr; exit 0 when every expectation holds, 1 when one fails (or the run cannot happen), 2 on bad input.
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { runScenario } from './runner.ts';
import { ScenarioError, loadScenario } from './scenario.ts';
import { summary } from './summary.ts';
import { UsageError, usageFailure } from '../command-line/flags.ts';
import { USAGE, parseLabArgs, type LabArgs } from './cli-args.ts';

async function main(argv: string[]): Promise<number> {
  let args: LabArgs;
  try {
    args = parseLabArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${usageFailure('lab', error.message, USAGE)}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let scenario;
  try {
    scenario = loadScenario(args.file);
  } catch (error) {
    if (error instanceof ScenarioError) {
      process.stderr.write(`lab: bad scenario ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let stream: WriteStream | null = null;
  if (args.out) {
    stream = createWriteStream(args.out);
    const opened = await new Promise<Error | null>((resolve) => {
      stream?.once('open', () => resolve(null)).once('error', resolve);
    });
    if (opened) {
      process.stderr.write(`lab: cannot write --out ${args.out}: ${opened.message}\n`);
      return 2;
    }
  }
  const write = stream ? (line: string) => void stream.write(line) : (line: string) => void process.stdout.write(line);
  try {
    const result = await runScenario(scenario, { write });
    process.stderr.write(summary(result));
    return result.passed ? 0 : 1;
  } catch (error) {
    process.stderr.write(`lab: the run could not happen: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    if (stream) {
      stream.end();
      await finished(stream).catch(() => undefined);
    }
  }
}

process.exitCode = await main(process.argv.slice(2));
