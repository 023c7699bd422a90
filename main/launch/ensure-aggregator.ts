// On a fresh machine the app needs an aggregator: reuse one that answers, or start the real one in-process on loopback.
import { startAggregator } from '../../aggregator/server.ts';

export interface EnsuredAggregator {
  /** True when this call started an aggregator (and close() stops it). */
  started: boolean;
  /** Why nothing was started, or where it runs, in words (for the log line). */
  note: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when something answers GET <url>/healthz with 2xx within `timeoutMs`. */
export async function aggregatorAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  try {
    const response = await fetch(new URL('healthz', url.endsWith('/') ? url : `${url}/`), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Reuses an answering aggregator; starts one with embedded storage in `dataDir` when the URL is loopback; else leaves it. */
export async function ensureLocalAggregator(url: string, dataDir: string, log: (line: string) => void = () => {}): Promise<EnsuredAggregator> {
  const none = (note: string): EnsuredAggregator => ({ started: false, note, close: async () => {} });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return none(`aggregator address ${JSON.stringify(url)} is not a URL; community data will be unavailable`);
  }
  if (await aggregatorAnswers(url)) return none(`using the aggregator already answering at ${url}`);
  if (target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) {
    return none(`aggregator at ${url} does not answer; community data will show as unavailable until it does`);
  }
  const port = Number(target.port || 80);
  try {
    const running = await startAggregator({ port, host: '127.0.0.1', dataDir, officialMirror: false, log });
    return { started: true, note: `started a local aggregator at ${running.url} (data in ${dataDir})`, close: () => running.close() };
  } catch (error) {
    // Most likely the port is taken by something that is not an aggregator.
    return none(`could not start a local aggregator on port ${port}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
