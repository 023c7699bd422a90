// Serves the built popover from one folder, never outside it, with the page's CSP on HTML.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { POPOVER_CONTENT_TYPES as TYPES, POPOVER_CSP } from '../../contracts/popover-page.ts';

export interface StaticOptions {
  /** Answer headers only (HEAD). */
  headOnly?: boolean;
  /** Rewrites an HTML page before it is sent (browser mode adds the first data to the popover's page). */
  rewritePage?: (html: string) => string;
}

/** Answers with the file at `relative` under `root` (index.html for ''); false when there is no such file. */
export async function serveStatic(root: string, relative: string, res: ServerResponse, opts: StaticOptions = {}): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative || 'index.html');
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return false;
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const isPage = type.startsWith('text/html');
  // A page to rewrite is read whole (a few hundred bytes); every other file streams.
  const page = isPage && opts.rewritePage ? Buffer.from(opts.rewritePage(await readFile(path, 'utf8'))) : null;
  const headers: Record<string, string | number> = {
    'content-type': type,
    'content-length': page?.length ?? info.size,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Hashed asset names may be cached; the page itself never, so a rebuild shows at once.
    'cache-control': isPage ? 'no-store' : 'private, max-age=3600',
  };
  if (isPage) {
    headers['content-security-policy'] = POPOVER_CSP;
    headers['x-frame-options'] = 'DENY';
  }
  res.writeHead(200, headers);
  if (opts.headOnly || page) {
    res.end(opts.headOnly ? undefined : page);
    return true;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path);
    stream.on('error', reject);
    res.on('close', resolve);
    stream.pipe(res);
  }).catch(() => res.destroy());
  return true;
}
