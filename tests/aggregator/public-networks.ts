// Real public address space for provider tests, taken from the shipped @ip-location-db/asn CSV (each /16 below is
// announced, start to end, by the AS beside it); tests check the mapping at run time, so a dataset update that moves
// them fails loudly instead of testing something else.

/** 40 providers, each with a /16 of its own: [AS number, first two octets]. */
export const PROVIDER_BLOCKS: readonly [number, string][] = [
  [4725, '1.5'],
  [3462, '1.34'],
  [8075, '1.186'],
  [30722, '2.32'],
  [6799, '2.84'],
  [5607, '2.120'],
  [12430, '2.155'],
  [3209, '2.200'],
  [3356, '4.0'],
  [12849, '5.29'],
  [3329, '5.54'],
  [31200, '5.128'],
  [21497, '5.207'],
  [15895, '5.248'],
  [45102, '8.177'],
  [20057, '12.72'],
  [4685, '14.3'],
  [45899, '14.160'],
  [852, '23.16'],
  [40065, '23.224'],
  [6327, '24.64'],
  [812, '24.114'],
  [8092, '24.219'],
  [17488, '27.4'],
  [45609, '27.59'],
  [9824, '27.136'],
  [12302, '31.5'],
  [6871, '31.108'],
  [8551, '31.168'],
  [2687, '32.25'],
  [237, '35.16'],
  [58519, '36.114'],
  [7497, '36.254'],
  [13188, '37.57'],
  [29060, '37.246'],
  [2527, '39.110'],
  [35106, '40.17'],
  [37168, '41.48'],
  [16637, '41.118'],
  [36937, '41.160'],
];

/** The i-th of `count` /24 networks spread round-robin over the 40 providers: an address inside it (host .7). */
export function spreadNetwork(i: number, offset = 0): string {
  const [, block] = PROVIDER_BLOCKS[i % PROVIDER_BLOCKS.length] as [number, string];
  return `${block}.${offset + Math.floor(i / PROVIDER_BLOCKS.length)}.7`;
}

/** AS16509 (Amazon) announces 3.5.32.0–3.29.255.255: the i-th /24 of one cloud provider. */
export const ONE_PROVIDER_AS = 16509;
export function oneProviderNetwork(i: number): string {
  return `3.${5 + Math.floor((32 + i) / 256)}.${(32 + i) % 256}.9`;
}

/** Comcast (AS7922) announces 2601::/24: /48s inside one /32 (2601:0::/32) and a /24 of its IPv4 (23.24.0.0/16). */
export const IPV6_ONE_32 = (i: number) => `2601:0:${i.toString(16)}::1`;
export const COMCAST_AS = 7922;
export const COMCAST_V4 = (i: number) => `23.24.${i}.20`;
