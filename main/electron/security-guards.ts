// Guards on every web contents and on the session: no navigation, no new windows, no permissions, no remote content.
import { app, session, shell } from 'electron';
import { cancelRendererRequest, shouldStampCsp, withCsp } from '../shell/csp-scope.ts';
import { externalUrlOnAllowList, isOwnPage } from '../popover/url-policy.ts';
import type { LogLine } from './logging.ts';

/** Opens a link in the user's browser if it is on the allow-list; returns false (and logs) when refused. */
export async function openExternalSafely(url: string, allowList: () => readonly string[], log: LogLine): Promise<boolean> {
  if (!externalUrlOnAllowList(url, allowList())) {
    log('warn', `refused to open external URL ${JSON.stringify(url.slice(0, 200))}`);
    return false;
  }
  await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only allow-listed https pages, checked above */
  return true;
}

/** Guards every web contents as it is created; call before any window exists (works before app ready). */
export function installSecurityGuards(ownPageUrl: string, allowList: () => readonly string[], log: LogLine): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // target=_blank links to an allowed page still reach the browser; everything else is dropped.
      openExternalSafely(url, allowList, log).catch((error: unknown) =>
        log('warn', `could not open ${url.slice(0, 200)}: ${String(error)}`),
      );
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (isOwnPage(url, ownPageUrl)) return;
      event.preventDefault();
      log('warn', `blocked navigation to ${url.slice(0, 200)}`);
    });
    contents.on('will-redirect', (event, url) => {
      if (isOwnPage(url, ownPageUrl)) return;
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
  // The popover reaches the network only through IPC and the engine; the page itself loads nothing remote, no file:.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const cancel = cancelRendererRequest(details.url);
    if (cancel) log('warn', `blocked renderer request to ${details.url.slice(0, 200)}`);
    callback({ cancel });
  });
  // Belt and braces for the header app-protocol.ts already sends: own top-level documents only, never DevTools.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!shouldStampCsp(details)) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
