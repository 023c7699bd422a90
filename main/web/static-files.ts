// Serves the built popover from one folder, never outside it, with the page's CSP on HTML.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { POPOVER_CONTENT_TYPES as TYPES, POPOVER_CSP } from '../../contracts/popover-page.ts';

/** Answers with the file at `relative` under `root` (index.html for ''); false when there is no such file. */
export async function serveStatic(root: string, relative: string, res: ServerResponse, headOnly = false): Promise<boolean> {
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
  const headers: Record<string, string | number> = {
    'content-type': type,
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Hashed asset names may be cached; the page itself never, so a rebuild shows at once.
    'cache-control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = POPOVER_CSP;
    headers['x-frame-options'] = 'DENY';
  }
  res.writeHead(200, headers);
  if (headOnly) {
    res.end();
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
