// Network state: derived from interfaces and the gateway, read from the real machine, or set by the lab.
import { describe, expect, it } from 'vitest';
import { CONNECTED_STATE, networkStateFrom, settableNetworkState, systemNetworkState } from '../../../main/engine/probes/network-state.ts';

const iface = (over: Partial<Parameters<typeof networkStateFrom>[0][number]>) => ({
  iface: 'en0',
  ip4: '192.168.1.20',
  ip6: '',
  internal: false,
  operstate: 'up',
  type: 'wired',
  default: false,
  ...over,
});
const loopback = iface({ iface: 'lo0', ip4: '127.0.0.1', internal: true, type: 'virtual' });

describe('networkStateFrom', () => {
  it('reads Wi-Fi on the default interface with a gateway', () => {
    expect(networkStateFrom([loopback, iface({ iface: 'en0', type: 'wireless', default: true })], '192.168.1.1')).toEqual({
      linkUp: true,
      hasGateway: true,
      type: 'wifi',
      vpn: false,
      iface: 'en0',
    });
  });

  it('sees a VPN tunnel with an address, but not an idle one with only a link-local address', () => {
    const tunnel = iface({ iface: 'utun4', ip4: '10.8.0.2', type: 'virtual' });
    const idle = iface({ iface: 'utun0', ip4: '', ip6: 'fe80::1', type: 'virtual' });
    const eth = iface({ iface: 'en0', default: true });
    expect(networkStateFrom([loopback, eth, tunnel], '192.168.1.1')).toMatchObject({ vpn: true, type: 'ethernet' });
    expect(networkStateFrom([loopback, eth, idle], '192.168.1.1')).toMatchObject({ vpn: false, type: 'ethernet' });
    expect(networkStateFrom([loopback, iface({ ...tunnel, default: true })], '10.8.0.1')).toMatchObject({ type: 'vpn' });
  });

  it('reports no link when only loopback or downed interfaces remain', () => {
    const down = iface({ operstate: 'down' });
    expect(networkStateFrom([loopback, down], '')).toEqual({ linkUp: false, hasGateway: false, type: 'none', vpn: false });
  });
});

describe('systemNetworkState', () => {
  it('reads this machine without throwing and returns a well-formed state', async () => {
    const state = await systemNetworkState().read();
    expect(typeof state.linkUp).toBe('boolean');
    expect(typeof state.hasGateway).toBe('boolean');
    expect(['wifi', 'ethernet', 'vpn', 'cellular', 'other', 'none']).toContain(state.type);
    expect(state.type === 'none').toBe(!state.linkUp);
  });
});

describe('settableNetworkState', () => {
  it('reports what it was set to, as copies', async () => {
    const source = settableNetworkState();
    const first = await source.read();
    first.linkUp = false;
    expect((await source.read()).linkUp).toBe(true);
    source.set({ linkUp: false, hasGateway: false, type: 'none' });
    expect(await source.read()).toEqual({ ...CONNECTED_STATE, linkUp: false, hasGateway: false, type: 'none' });
  });
});
