// The machine's network state: from systeminformation in the app, fixed or settable in tests and the lab.
import { networkInterfaces as osInterfaces } from 'node:os';
import type si from 'systeminformation';
import type { ConnectionType, NetworkState } from '../../../contracts/status.ts';
import type { NetworkStateSource } from '../ports.ts';

interface Iface {
  iface: string;
  ip4: string;
  ip6: string;
  internal: boolean;
  operstate: string;
  type: string;
  default: boolean;
}

const VPN_NAME = /^(utun|tun|tap|wg|ppp|ipsec|gpd|tailscale|zt|nordlynx|proton)/i;
const CELLULAR_NAME = /^(pdp_ip|wwan|rmnet|ccmni)/i;

// fe80:: addresses exist on idle interfaces (macOS keeps several utun up with only those), so they do not count.
const hasAddress = (i: Iface): boolean => i.ip4 !== '' || (i.ip6 !== '' && !i.ip6.toLowerCase().startsWith('fe80'));
const isUp = (i: Iface): boolean => !i.internal && i.operstate !== 'down' && hasAddress(i);

function typeOf(i: Iface | undefined): ConnectionType {
  if (!i) return 'other';
  if (VPN_NAME.test(i.iface)) return 'vpn';
  if (i.type === 'wireless' || /^(wlan|wl|wi-?fi|airport)/i.test(i.iface)) return 'wifi';
  if (CELLULAR_NAME.test(i.iface)) return 'cellular';
  if (i.type === 'wired' || /^(en|eth)/i.test(i.iface)) return 'ethernet';
  return 'other';
}

/** Derives a NetworkState from interfaces and the default gateway. */
export function networkStateFrom(ifaces: Iface[], gateway: string): NetworkState {
  const up = ifaces.filter(isUp);
  const primary = up.find((i) => i.default) ?? up.find((i) => !VPN_NAME.test(i.iface)) ?? up[0];
  const vpn = up.some((i) => VPN_NAME.test(i.iface));
  const state: NetworkState = {
    linkUp: up.length > 0,
    hasGateway: gateway.trim() !== '',
    type: up.length === 0 ? 'none' : typeOf(primary),
    vpn,
  };
  if (primary) state.iface = primary.iface;
  return state;
}

// Node's own view, used when systeminformation fails: no gateway knowledge, so it says none.
function fromOs(): Iface[] {
  return Object.entries(osInterfaces()).map(([name, addrs]) => {
    const list = addrs ?? [];
    return {
      iface: name,
      ip4: list.find((a) => a.family === 'IPv4')?.address ?? '',
      ip6: list.find((a) => a.family === 'IPv6')?.address ?? '',
      internal: list.every((a) => a.internal),
      operstate: 'up',
      type: '',
      default: false,
    };
  });
}

type SiNetwork = Pick<typeof si, 'networkInterfaces' | 'networkGatewayDefault'>;
let siNetwork: Promise<SiNetwork> | null = null;
// Loaded on the first read, and only its network part: the whole package costs ~10 MB of RSS once imported.
const loadSiNetwork = (): Promise<SiNetwork> =>
  (siNetwork ??= import('systeminformation/lib/network.js').then((m: { default?: SiNetwork } & SiNetwork) => m.default ?? m));

/** Reads interfaces and the default gateway with systeminformation's cheap calls; never rejects. */
export function systemNetworkState(): NetworkStateSource {
  return {
    read: async () => {
      const si = await loadSiNetwork().catch(() => null);
      if (!si) return networkStateFrom(fromOs(), '');
      const [ifaces, gateway] = await Promise.all([
        si.networkInterfaces().then(
          (list) => (Array.isArray(list) ? (list as Iface[]) : [list as Iface]),
          () => null,
        ),
        si.networkGatewayDefault().then(
          (g) => (typeof g === 'string' ? g : ''),
          () => '',
        ),
      ]);
      try {
        return networkStateFrom(ifaces ?? fromOs(), gateway);
      } catch {
        return networkStateFrom(fromOs(), gateway);
      }
    },
  };
}

/** A source that always reports `state`. */
export function fixedNetworkState(state: NetworkState): NetworkStateSource {
  return { read: async () => ({ ...state }) };
}

export interface SettableNetworkState extends NetworkStateSource {
  set(patch: Partial<NetworkState>): void;
  current(): NetworkState;
}

export const CONNECTED_STATE: NetworkState = { linkUp: true, hasGateway: true, type: 'ethernet', vpn: false, iface: 'lab0' };
export const DISCONNECTED_STATE: NetworkState = { linkUp: false, hasGateway: false, type: 'none', vpn: false };

/** A source the lab and tests change at run time (link up/down). */
export function settableNetworkState(initial: NetworkState = CONNECTED_STATE): SettableNetworkState {
  let state = { ...initial };
  return {
    read: async () => ({ ...state }),
    set: (patch) => {
      state = { ...state, ...patch };
    },
    current: () => ({ ...state }),
  };
}
