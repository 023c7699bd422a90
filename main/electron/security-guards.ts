// Guards on every web contents and on the session: no navigation, no new windows, no permissions, no remote content.
import { app, session, shell } from 'electron';
import { externalUrlAllowed, isOwnPage } from '../shell/url-policy.ts';
import type { LogLine } from './logging.ts';

/** Schemes the renderer may load at all: the bundled files and DevTools in development. */
const LOCAL_SCHEMES = new Set(['file:', 'devtools:', 'data:']);

/** Opens an http(s) link in the user's browser after checking it; returns false (and logs) when refused. */
export async function openExternalSafely(url: string, log: LogLine): Promise<boolean> {
  if (!externalUrlAllowed(url)) {
    log('warn', `refused to open external URL ${JSON.stringify(url.slice(0, 200))}`);
    return false;
  }
  await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only http(s) without credentials, checked above */
  return true;
}

/** Guards every web contents as it is created; call before any window exists (works before app ready). */
export function installSecurityGuards(popoverFileUrl: string, log: LogLine): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links with target=_blank still reach the browser when they are plain http(s).
      void openExternalSafely(url, log);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (isOwnPage(url, popoverFileUrl)) return;
      event.preventDefault();
      log('warn', `blocked navigation to ${url.slice(0, 200)}`);
    });
    contents.on('will-redirect', (event, url) => {
      if (isOwnPage(url, popoverFileUrl)) return;
      event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Denies permissions and remote loads in the default session; sessions exist only once the app is ready. */
export function lockDownSession(log: LogLine): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log('warn', `denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  // The popover reaches the network only through IPC and the engine; the page itself loads nothing remote.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const scheme = new URL(details.url).protocol;
    const allowed = LOCAL_SCHEMES.has(scheme);
    if (!allowed) log('warn', `blocked renderer request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Same policy as renderer/index.html's meta tag, for anything not loaded from file:// (a literal, so scanners read it).
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
}
