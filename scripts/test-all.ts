// `npm test`: every check and test, in three lanes side by side, then each phase's wall time.
//   lab:    the outage lab's scenarios (mostly waiting on timers; one child process per scenario)
//   static: typecheck (Node and renderer) → ESLint + Prettier → electronegativity → Playwright (under xvfb-run where
//           there is one and no display; it starts once the static checks are done, while Vitest still runs)
//   tests:  Vitest's other files (projects unit and isolated, two workers), the longest lane: the run is CPU-bound, so
//           it starts at once
// A lane goes on after a failed phase, so one run shows every failure; the exit code is 1 if any phase failed.
// Each phase's output is printed in one piece when it ends. TEST_TIMINGS_FILE: also append "phase seconds" lines there.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

interface Phase {
  name: string;
  command: string[];
}

const hasOnPath = (bin: string): boolean => (process.env['PATH'] ?? '').split(delimiter).some((d) => d && existsSync(join(d, bin)));
// Electron needs a display: on Linux without one, run Playwright inside a virtual X server.
const e2e = process.platform === 'linux' && !process.env['DISPLAY'] && hasOnPath('xvfb-run') ? ['xvfb-run', '--auto-servernum'] : [];

// The lab is the lane that keeps time (its scenarios expect verdicts within a few probe intervals of wall time); the
// others only need throughput. So they run at a lower priority: on a CPU-bound machine the lab's short bursts of work
// go first, and the other lanes take every cycle it leaves. `nice` is POSIX; without it every lane runs as it is.
const batch = process.platform !== 'win32' && hasOnPath('nice') ? ['nice', '-n', '10'] : [];

const LANES: Phase[][] = [
  [{ name: 'lab', command: ['npx', 'vitest', 'run', '--project', 'lab'] }],
  [
    { name: 'typecheck', command: [...batch, 'npm', 'run', '--silent', 'typecheck'] },
    { name: 'lint', command: [...batch, 'npm', 'run', '--silent', 'lint'] },
    { name: 'lint:electron', command: [...batch, 'npm', 'run', '--silent', 'lint:electron'] },
    { name: 'playwright', command: [...batch, ...e2e, 'npx', 'playwright', 'test'] },
  ],
  [{ name: 'vitest', command: [...batch, 'npx', 'vitest', 'run', '--project', 'unit', '--project', 'isolated'] }],
];

interface Outcome {
  name: string;
  seconds: number;
  code: number | null;
}

function run(phase: Phase): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const [bin, ...args] = phase.command as [string, ...string[]];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    const done = (code: number | null) => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const verdict = code === 0 ? 'passed' : `FAILED (exit ${code})`;
      process.stdout.write(`\n===== ${phase.name}: ${verdict} in ${seconds} s =====\n${Buffer.concat(chunks).toString()}\n`);
      resolve({ name: phase.name, seconds, code });
    };
    child.on('error', (e) => {
      chunks.push(Buffer.from(`${e.message}\n`));
      done(null);
    });
    child.on('close', done);
  });
}

async function lane(phases: Phase[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const phase of phases) outcomes.push(await run(phase));
  return outcomes;
}

const started = Date.now();
const outcomes = (await Promise.all(LANES.map(lane))).flat();
const total = Math.round((Date.now() - started) / 100) / 10;
const rows = [...outcomes.map((o) => `${o.name} ${o.seconds}${o.code === 0 ? '' : ' FAILED'}`), `tests-total ${total}`];
process.stdout.write(`\nPhase wall times (s), lanes side by side:\n${rows.map((r) => `  ${r}`).join('\n')}\n`);
const file = process.env['TEST_TIMINGS_FILE'];
if (file) appendFileSync(file, `${rows.join('\n')}\n`);
process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
