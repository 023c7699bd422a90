// Every recomputeMs a node's counters are raised to the shared stored totals, so it sees the other nodes' reports
// (its own commits it sees at once). Never two resyncs at once; a failed one is logged and the next one tries again.
import type { Store } from '../storage/store.ts';
import type { CommitFence } from './commit-fence.ts';
import type { DetectionConfig } from './config.ts';
import type { Detector } from './detector.ts';
import type { StatusBoard } from './status-board.ts';

export interface ResyncParts {
  store: Store;
  detector: Detector;
  board: StatusBoard;
  fence: CommitFence;
  cfg: DetectionConfig;
  now: () => number;
  log: (line: string) => void;
}

/** A resync function for the node's timer. */
export function resyncer({ store, detector, board, fence, cfg, now, log }: ResyncParts): () => Promise<void> {
  let syncing = false;
  return async () => {
    if (syncing) return;
    syncing = true;
    try {
      const t = now();
      const from = t - (t % cfg.bucketMs) - cfg.hourMs - cfg.windowBuckets * cfg.bucketMs;
      detector.record(await store.loadBuckets(from));
      // Provider rows are summed from appended rows: read them apart from this node's own commits (commit-fence.ts).
      detector.recordProviders(await fence.read(() => store.loadProviders(from)));
      detector.recordSamples(await store.loadBaselineSamples(t - 3 * cfg.hourMs));
    } catch (error) {
      log(`resync failed: ${String(error)}`);
    } finally {
      syncing = false;
      board.recompute();
    }
  };
}
