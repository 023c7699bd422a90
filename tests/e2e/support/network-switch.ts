// The machine's network state as the engine reads it, switched by the test (the real source reads this machine's NICs).
import type { NetworkState } from '../../../contracts/status.ts';
import type { NetworkStateSource } from '../../../main/engine/ports.ts';

const UP: NetworkState = { linkUp: true, hasGateway: true, type: 'wifi', vpn: false, iface: 'wlan0', ssid: 'Lab' };
const DOWN: NetworkState = { linkUp: false, hasGateway: false, type: 'none', vpn: false };

export interface NetworkSwitch extends NetworkStateSource {
  set(link: 'up' | 'down'): void;
}

/** A NetworkStateSource that reports an up or down link. */
export function networkSwitch(): NetworkSwitch {
  let state = UP;
  return {
    read: async () => state,
    set: (link) => {
      state = link === 'up' ? UP : DOWN;
    },
  };
}
