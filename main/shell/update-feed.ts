// The update feed electron-builder publishes (latest.yml, latest-mac.yml, latest-linux.yml), read the way
// electron-updater reads it, and the version decision made on it.
import type { UpdateInfo } from 'builder-util-runtime';
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider.js';

/** electron-updater's channel file name for a platform and architecture (Provider.getChannelFilePrefix). */
export function channelFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
  return 'latest.yml';
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Semver precedence (§11): -1, 0, 1; null when either side is not a version. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const x = SEMVER.exec(a.trim());
  const y = SEMVER.exec(b.trim());
  if (!x || !y) return null;
  for (let i = 1; i <= 3; i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return d > 0 ? 1 : -1;
  }
  const [pa, pb] = [x[4], y[4]];
  if (pa === pb) return 0;
  if (pa === undefined) return 1; // a release outranks its pre-releases
  if (pb === undefined) return -1;
  const [ia, ib] = [pa.split('.'), pb.split('.')];
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    const [sa, sb] = [ia[i], ib[i]];
    if (sa === undefined) return -1;
    if (sb === undefined) return 1;
    const [na, nb] = [/^\d+$/.test(sa), /^\d+$/.test(sb)];
    if (sa === sb) continue;
    if (na && nb) return Number(sa) > Number(sb) ? 1 : -1;
    if (na !== nb) return na ? -1 : 1;
    return sa > sb ? 1 : -1;
  }
  return 0;
}

export type FeedResult = { ok: true; info: UpdateInfo; files: string[] } | { ok: false; error: string };

type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Fetches and checks the channel file under `feedUrl` (a folder URL); never throws. */
export async function fetchUpdateFeed(
  feedUrl: string,
  platform: NodeJS.Platform,
  arch: string,
  fetchImpl: FetchLike = fetch,
  timeoutMs = 15_000,
): Promise<FeedResult> {
  const file = channelFileName(platform, arch);
  let url: URL;
  try {
    url = new URL(file, feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`);
  } catch {
    return { ok: false, error: `not a feed URL: ${feedUrl}` };
  }
  try {
    const response = await fetchImpl(url.href, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) return { ok: false, error: `${file}: HTTP ${response.status}` };
    const info = parseUpdateInfo(await response.text(), file, url);
    if (typeof info !== 'object' || info === null || typeof info.version !== 'string')
      return { ok: false, error: `${file}: no version in it` };
    // Same checks electron-updater makes before downloading: a file list, each with a checksum.
    const files = resolveFiles(info, url).map((f) => f.url.href);
    return { ok: true, info, files };
  } catch (error) {
    return { ok: false, error: `${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

export type UpdateDecision =
  { kind: 'newer'; version: string } | { kind: 'current' } | { kind: 'older' } | { kind: 'invalid'; reason: string };

/** What a feed means for the running version. Pre-releases are offered only to pre-release builds; no downgrades. */
export function decideUpdate(currentVersion: string, info: Pick<UpdateInfo, 'version'>): UpdateDecision {
  const order = compareVersions(info.version, currentVersion);
  if (order === null) return { kind: 'invalid', reason: `"${info.version}" or "${currentVersion}" is not a version` };
  if (order === 0) return { kind: 'current' };
  if (order < 0) return { kind: 'older' };
  const offeredIsPre = info.version.includes('-');
  if (offeredIsPre && !currentVersion.includes('-')) return { kind: 'current' };
  return { kind: 'newer', version: info.version };
}
