// Counted networks per bucket, provider (AS), IPv6 /32 group and country: what diversity rules, the baseline's
// samples and the top countries are computed from. Counts only; a provider is an AS number or a day-keyed hash.

export interface ProviderCounts {
  service: string;
  bucketStart: number;
  kind: 'problem' | 'working';
  /** `as13335`, or a day-keyed hash for a network (or IPv6 /32) that no AS announces: its own provider. */
  provider: string;
  /** The day-keyed hash of an IPv6 /32, or '' (IPv4: every network counts). */
  group: string;
  /** ISO country code, or '' when unknown. */
  country: string;
  /** Networks whose claim (of this kind) opened in this bucket: distinct within any window. */
  networks: number;
  /** Networks seen for the first time in their hour (UTC-aligned hourMs): distinct within the hour. */
  hourNetworks: number;
  /** A batch's own addition (added to memory) rather than a stored total (memory rises to it). */
  delta?: boolean;
}

/** The provider of an IPv4 network that no AS announces: the network itself (`n` + its id), one network per provider. */
export function ownNetworkProvider(networkId: string): string {
  return `n${networkId}`;
}

/** The provider of a row that counts such networks together (memory's shared row, and folded rows: provider-fold.ts). */
export const OWN_NETWORKS_PROVIDER = '*';

/** Whether a row counts such networks: one's own (named by ownNetworkProvider, no IPv6 /32 group) or the shared row. */
export function isOwnNetworkRow(row: Pick<ProviderCounts, 'provider' | 'group'>): boolean {
  return row.group === '' && (row.provider.startsWith('n') || row.provider === OWN_NETWORKS_PROVIDER);
}

/** One hour's distinct counted networks per service, the baseline's sample; `elevated` when the status was not operational. */
export interface BaselineSample {
  service: string;
  hourStart: number;
  networks: number;
  elevated: boolean;
}

/** provider_counts holds one row per batch and key (appended, no conflict check): readers sum them. */
export const PROVIDER_TOTALS = `SELECT service, bucket_start, kind, provider, grp, country, sum(networks)::int AS networks,
  sum(hour_networks)::int AS hour_networks FROM provider_counts WHERE bucket_start >= $1::bigint GROUP BY 1, 2, 3, 4, 5, 6`;

export function providerCounts(row: Record<string, unknown>): ProviderCounts {
  return {
    service: String(row.service),
    bucketStart: Number(row.bucket_start),
    kind: row.kind === 'working' ? 'working' : 'problem',
    provider: String(row.provider),
    group: String(row.grp ?? ''),
    country: String(row.country ?? ''),
    networks: Number(row.networks),
    hourNetworks: Number(row.hour_networks),
  };
}

/** Where a report's network sits, carried with the report to the batch (never an address). */
export interface NetworkOrigin {
  /** `as<number>`, or the network's (IPv6: its /32's) own day-keyed id when no AS announces it. */
  provider: string;
  /** IPv6: the day-keyed id of its /32; IPv4: ''. */
  group: string;
  /** ISO country code, or ''. */
  country: string;
  /** Yesterday's id of the same network during the first claim window after midnight (so it counts once), else null. */
  previousId: string | null;
}
