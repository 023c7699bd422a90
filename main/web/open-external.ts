// Opens an http(s) URL in the user's browser with the platform's opener; tests pass a recorder instead.
import { spawn } from 'node:child_process';
import { externalUrlAllowed } from '../popover/url-policy.ts';

export type ExternalOpener = (url: string) => void | Promise<void>;

/** Launches xdg-open / open / start, detached; never a shell with the URL in it. */
export const openWithSystem: ExternalOpener = (url) => {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', (err) => console.warn(`could not open ${url}: ${err.message}`));
  child.unref();
};

/** True when the bridge may hand this URL to the opener. */
export function mayOpenExternally(url: string): boolean {
  return externalUrlAllowed(url);
}
