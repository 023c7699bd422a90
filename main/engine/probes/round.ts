// One probe round: the network state and every probe, all at once. Never rejects.
import type { NetworkState, ProbeId, ProbeResult } from '../../../contracts/status.ts';
import type { NetworkStateSource, ProbeRunner, ProbeTargets, ProbeTimings } from '../ports.ts';
import { probeApns443, probeApns5223 } from './apns.ts';
import { probeCaptive } from './captive.ts';
import { createProbeContext, type ProbeContext } from './context.ts';
import { probeDns } from './dns.ts';
import { probeFacetime } from './facetime.ts';
import { probeIds } from './ids.ts';
import { probeInternet } from './internet.ts';
import { watchLoop } from './loop-watch.ts';
import { errorText } from '../../../contracts/results.ts';

type Probe = (ctx: ProbeContext) => Promise<ProbeResult>;

/** Every probe, in the order results are reported. */
export const PROBES: ReadonlyArray<readonly [ProbeId, Probe]> = [
  ['dns', probeDns],
  ['apns5223', probeApns5223],
  ['apns443', probeApns443],
  ['ids', probeIds],
  ['facetime', probeFacetime],
  ['captive', probeCaptive],
  ['internet', probeInternet],
];

// When the state cannot be read, assume a link and let the probes speak: better than claiming "offline".
const UNKNOWN_NETWORK: NetworkState = { linkUp: true, hasGateway: true, type: 'other', vpn: false };

async function readNetwork(source: NetworkStateSource, timeoutMs: number): Promise<NetworkState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<NetworkState>((resolve) => (timer = setTimeout(() => resolve(UNKNOWN_NETWORK), timeoutMs)));
  try {
    return await Promise.race([source.read().catch(() => UNKNOWN_NETWORK), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ProbeRunnerDeps {
  network: NetworkStateSource;
  /** Epoch ms; defaults to Date.now. */
  now?: () => number;
}

/** A ProbeRunner: reads the network state and runs all probes concurrently. With no link the probes still run (and fail fast). */
export function createProbeRunner(deps: ProbeRunnerDeps): ProbeRunner {
  const now = deps.now ?? Date.now;
  return async (targets: ProbeTargets, timings: ProbeTimings) => {
    const startedAt = now();
    // The network read may block this thread itself (systeminformation runs commands synchronously on some systems):
    // it starts before the watch, so that work isn't taken for a stall.
    const networkRead = readNetwork(deps.network, timings.timeoutMs);
    const watch = watchLoop();
    let ctx: ProbeContext | null = null;
    try {
      ctx = createProbeContext(targets, timings, now);
    } catch {
      ctx = null;
    }
    const run = (id: ProbeId, probe: Probe): Promise<ProbeResult> =>
      ctx
        ? probe(ctx).catch((error: unknown) => failed(id, startedAt, error))
        : Promise.resolve(failed(id, startedAt, new Error('the probe targets could not be used')));
    const [network, ...results] = await Promise.all([networkRead, ...PROBES.map(([id, probe]) => run(id, probe))]);
    ctx?.resolver.cancel();
    return { startedAt, finishedAt: now(), network, results, stalledMs: watch.stop() };
  };
}

function failed(id: ProbeId, at: number, error: unknown): ProbeResult {
  const message = errorText(error);
  return { id, outcome: 'error', ok: false, latencyMs: 0, detail: `probe failed: ${message}`, target: '', at };
}
