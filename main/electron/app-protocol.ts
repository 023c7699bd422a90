// Serves the renderer folder as app://popover/ (never file://): a privileged standard scheme, so the page has a real
// origin for 'self' in its CSP, and nothing outside the folder can be fetched through it.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, appResponseHeaders, resolveAppRequest } from '../shell/app-scheme.ts';
import type { LogLine } from './logging.ts';

/**
 * Must run before the app is ready (Electron's rule for privileged schemes). codeCache (Electron ≥ 28, standard schemes
 * only): V8 keeps the compiled popover scripts between opens, as Chromium does for http(s), so a reopened popover
 * skips parsing and compiling its JS.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Answers app:// requests from `rendererDir` (inside the asar when packaged); returns the unregister function. */
export function serveRenderer(rendererDir: string, log: LogLine): () => void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(request.url, rendererDir);
    if (!target.ok) {
      log('warn', `app:// refused ${request.url.slice(0, 200)}: ${target.reason}`);
      return new Response(null, { status: target.status });
    }
    try {
      const body = await readFile(target.file);
      return new Response(body, { status: 200, headers: appResponseHeaders(target.contentType) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
  return () => protocol.unhandle(APP_SCHEME);
}
