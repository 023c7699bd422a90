// Guards on every web contents and on the session: no navigation, no new windows, no permissions, no remote content.
import { app, session, shell } from 'electron';
import { externalUrlAllowed, isOwnPage } from '../shell/url-policy.ts';
import type { LogLine } from './logging.ts';

/** Same policy as renderer/index.html's meta tag, sent as a header too for anything not loaded from file://. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/** Schemes the renderer may load at all: the bundled files and DevTools in development. */
const LOCAL_SCHEMES = new Set(['file:', 'devtools:', 'data:']);

/** Opens an http(s) link in the user's browser after checking it; returns false (and logs) when refused. */
export async function openExternalSafely(url: string, log: LogLine): Promise<boolean> {
  if (!externalUrlAllowed(url)) {
    log('warn', `refused to open external URL ${JSON.stringify(url.slice(0, 200))}`);
    return false;
  }
  await shell.openExternal(url);
  return true;
}

/** Installs the guards; call before any window exists. */
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
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
