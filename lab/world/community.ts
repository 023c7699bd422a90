// The community side of the world: the real aggregator on fresh embedded storage in a temporary folder, a gate in
// front of it for `aggregator: down`, and the synthetic reporters.
import { rmSync } from 'node:fs';
import { startAggregator } from '../../aggregator/server.ts';
import type { DetectionConfig } from '../../aggregator/detection/config.ts';
import { freshAggregatorDataDir } from './aggregator-template.ts';
import { Gate } from './gate.ts';
import { Reporters } from './reporters.ts';

export interface CommunityOptions {
  detection: DetectionConfig;
  /** How long one client's repeat report is ignored, wall ms. */
  dedupWindowMs: number;
}

export class Community {
  private up = true;
  private reachableFromEngine = true;

  private constructor(
    private readonly aggregator: { url: string; port: number; close(): Promise<void> },
    private readonly gate: Gate,
    readonly reporters: Reporters,
    private readonly dataDir: string,
  ) {}

  /** Starts the aggregator, its gate and idle reporters. */
  static async start(options: CommunityOptions): Promise<Community> {
    const dataDir = await freshAggregatorDataDir('imsm-lab-');
    try {
      const aggregator = await startAggregator({
        port: 0,
        dataDir,
        detection: options.detection,
        dedupWindowMs: options.dedupWindowMs,
        rateLimit: false,
      });
      const gate = await Gate.proxy(aggregator.port);
      const community: Community = new Community(aggregator, gate, new Reporters(aggregator.port, () => community.up), dataDir);
      return community;
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The URL the engine uses: through the gate. */
  get url(): string {
    return `http://127.0.0.1:${this.gate.boundPort}`;
  }

  /** `aggregator: up/down`; other users cannot reach a down aggregator either. */
  async setUp(up: boolean): Promise<void> {
    this.up = up;
    await this.gate.set(up && this.reachableFromEngine);
  }

  /** The engine's own link: a machine offline cannot reach the aggregator, other users still can. */
  async setReachableFromEngine(reachable: boolean): Promise<void> {
    this.reachableFromEngine = reachable;
    await this.gate.set(this.up && reachable);
  }

  async close(): Promise<void> {
    await this.reporters.stop();
    await this.gate.shut();
    await this.aggregator.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
