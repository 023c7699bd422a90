// What could not be saved reaches the snapshot the popover reads, and leaves it once a save works again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { createDefaultEngine } from '../../main/launch/create-engine.ts';
import { CONNECTED_STATE, fixedNetworkState } from '../../main/engine/probes/network-state.ts';
import type { SettingsStore } from '../../main/engine/ports.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('storage problems in the snapshot', () => {
  it('names a failed settings save, and clears once a save succeeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storage-problem-'));
    dirs.push(dir);
    let diskFull = true;
    const store: SettingsStore = {
      load: () => ({ ...DEFAULT_SETTINGS, aggregatorUrl: 'http://127.0.0.1:9' }),
      save: () => {
        if (diskFull) throw new Error('ENOSPC: no space left on device, write');
      },
    };
    const engine = createDefaultEngine({ dataDir: dir, settingsStore: store, network: fixedNetworkState(CONNECTED_STATE) });
    expect(engine.snapshot().storageProblem).toBeUndefined();
    engine.updateSettings({ probeIntervalMs: 120_000 });
    expect(engine.snapshot().storageProblem).toContain('Settings could not be saved (ENOSPC: no space left on device, write)');
    expect(engine.settings().probeIntervalMs).toBe(120_000); // in force for this run
    diskFull = false;
    engine.updateSettings({ probeIntervalMs: 60_000 });
    expect(engine.snapshot().storageProblem).toBeUndefined();
  });
});
