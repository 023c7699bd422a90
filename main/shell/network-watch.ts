// Notices interface/address changes by comparing fingerprints of os.networkInterfaces(); Electron has no event for it.
import type { NetworkInterfaceInfo } from 'node:os';

export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** A stable string for the non-internal addresses: equal strings mean nothing the probes care about changed. */
export function interfaceFingerprint(table: InterfaceTable): string {
  const rows: string[] = [];
  for (const [name, infos] of Object.entries(table)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      rows.push(`${name}|${info.family}|${info.address}|${info.netmask}`);
    }
  }
  return rows.sort().join('\n');
}

export interface NetworkWatchOptions {
  read: () => InterfaceTable;
  onChange: () => void;
  intervalMs: number;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

/** Polls the interface table and calls onChange when its fingerprint changes; returns the stop function. */
export function watchNetworkInterfaces(opts: NetworkWatchOptions): () => void {
  let last = interfaceFingerprint(opts.read());
  const handle = opts.setInterval(() => {
    let next: string;
    try {
      next = interfaceFingerprint(opts.read());
    } catch {
      return;
    }
    if (next === last) return;
    last = next;
    opts.onChange();
  }, opts.intervalMs);
  return () => opts.clearInterval(handle);
}
