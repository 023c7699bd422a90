// Issue 9 (Electron): the app:// scheme, the external-link allow-list, CSP scoping, and the test-hook policy.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appResponseHeaders, resolveAppRequest } from '../../main/shell/app-scheme.ts';
import { cancelRendererRequest, shouldStampCsp, withCsp } from '../../main/shell/csp-scope.ts';
import { parseBuildFlavour, testHooksDecision } from '../../main/shell/test-hook-policy.ts';
import { APPLE_STATUS_PAGES, externalAllowList, externalUrlOnAllowList, isOwnPage } from '../../main/popover/url-policy.ts';

const work = mkdtempSync(join(tmpdir(), 'imsm-scheme-'));
const root = join(work, 'dist', 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), '');
writeFileSync(join(work, 'dist', 'secret.json'), '{}');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('app:// scheme path resolution', () => {
  it('serves files of the renderer folder with their content type', () => {
    expect(resolveAppRequest(APP_PAGE_URL, root)).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://popover/', root)).toMatchObject({ ok: true, file: join(root, 'index.html') });
    expect(resolveAppRequest('app://popover/assets/app.js?v=1#x', root)).toMatchObject({
      ok: true,
      file: join(root, 'assets', 'app.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses path traversal in every spelling, other hosts and other schemes', () => {
    for (const url of [
      'app://popover/../secret.json',
      'app://popover/%2e%2e/secret.json',
      'app://popover/assets/%2E%2E/%2E%2E/secret.json',
      'app://popover/%2e%2e%2fsecret.json',
      'app://popover/..%2f..%2fetc/passwd',
    ]) {
      const result = resolveAppRequest(url, root);
      // Either refused, or (URL parsing clamps "/.." at the root) a path that is still inside the folder.
      if (result.ok) expect(result.file.startsWith(join(root, '/')), `${url} → ${result.file}`).toBe(true);
      else expect(result.status, url).toBeGreaterThanOrEqual(400);
    }
    expect(resolveAppRequest('app://popover/..%2f..%2fetc/passwd', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('app://popover/assets/..%2f..%2fsecret.json', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('app://popover/..%5csecret.json', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://popover/index.html%00.js', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://popover/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://evil/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest(pathToFileURL(join(root, 'index.html')).href, root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('not a url', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://popover/assets/app.ts', root)).toMatchObject({ ok: false, status: 404 });
  });

  it('puts the CSP on documents only', () => {
    expect(appResponseHeaders('text/html; charset=utf-8')['content-security-policy']).toContain("default-src 'none'");
    expect(appResponseHeaders('text/javascript; charset=utf-8')['content-security-policy']).toBeUndefined();
    expect(appResponseHeaders('image/png')['x-content-type-options']).toBe('nosniff');
  });

  it('a symlink inside the folder does not count as outside (resolution is lexical, the folder is ours)', () => {
    symlinkSync(join(work, 'dist', 'secret.json'), join(root, 'assets', 'link.json'));
    // Lexically inside: served. The renderer folder is built by us and ships in the asar, where no symlink exists.
    expect(resolveAppRequest('app://popover/assets/link.json', root).ok).toBe(true);
  });
});

describe('open-external allow-list', () => {
  const list = externalAllowList('https://status.example.org/api/v1');

  it("allows Apple's status pages and the configured aggregator's site", () => {
    for (const page of APPLE_STATUS_PAGES) expect(externalUrlOnAllowList(page, list), page).toBe(true);
    expect(externalUrlOnAllowList('https://www.apple.com/support/systemstatus/?x=1', list)).toBe(true);
    expect(externalUrlOnAllowList('https://status.example.org/', list)).toBe(true);
    expect(externalUrlOnAllowList('https://status.example.org/about', list)).toBe(true);
  });

  it('refuses everything else, including look-alikes', () => {
    for (const bad of [
      'https://www.apple.com/',
      'https://www.apple.com/support/',
      'https://www.apple.com.evil.example/support/systemstatus/',
      'https://evil.example/#https://www.apple.com/support/systemstatus/',
      'https://www.apple.com@evil.example/support/systemstatus/',
      'http://www.apple.com/support/systemstatus/',
      'https://status.example.org.evil.example/',
      'http://status.example.org/',
      'https://user:pw@status.example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(externalUrlOnAllowList(bad, list), bad).toBe(false);
    }
  });

  it('adds no aggregator entry for an empty or non-http aggregator URL', () => {
    expect(externalAllowList('')).toEqual([...APPLE_STATUS_PAGES]);
    expect(externalAllowList('ftp://x.example/')).toEqual([...APPLE_STATUS_PAGES]);
    expect(externalAllowList('https://u:p@x.example/')).toEqual([...APPLE_STATUS_PAGES]);
  });
});

describe('own-page check', () => {
  it('compares file: pages as paths, so percent-encoding does not matter', () => {
    const own = pathToFileURL('/Users/zoë/Application Support/app/renderer/index.html').href;
    expect(isOwnPage('file:///Users/zo%C3%AB/Application%20Support/app/renderer/index.html', own)).toBe(true);
    expect(isOwnPage('file:///Users/zo%c3%ab/Application%20Support/app/renderer/index.html#settings', own)).toBe(true);
    expect(isOwnPage('file:///Users/zo%C3%AB/Application%20Support/app/renderer/other.html', own)).toBe(false);
  });

  it('compares app: pages by scheme, host and path (custom schemes all have the origin "null")', () => {
    expect(isOwnPage('app://popover/index.html#x', APP_PAGE_URL)).toBe(true);
    expect(isOwnPage('app://other/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('evil://popover/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('https://popover/index.html', APP_PAGE_URL)).toBe(false);
  });
});

describe('CSP scoping and request filtering', () => {
  it("stamps only the app's own main-frame responses", () => {
    expect(shouldStampCsp({ url: APP_PAGE_URL, resourceType: 'mainFrame' })).toBe(true);
    expect(shouldStampCsp({ url: 'app://popover/assets/app.js', resourceType: 'script' })).toBe(false);
    expect(shouldStampCsp({ url: 'devtools://devtools/bundled/devtools_app.html', resourceType: 'mainFrame' })).toBe(false);
    expect(shouldStampCsp({ url: 'https://evil.example/', resourceType: 'mainFrame' })).toBe(false);
    expect(shouldStampCsp({ url: '::', resourceType: 'mainFrame' })).toBe(false);
  });

  it("replaces a response's own CSP in any letter case", () => {
    const headers = withCsp({ 'content-security-policy': ['default-src *'], 'X-A': ['1'] });
    expect(Object.keys(headers).sort()).toEqual(['Content-Security-Policy', 'X-A']);
    expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
  });

  it('lets only app:, data: and devtools: through and never throws on a bad URL', () => {
    expect(cancelRendererRequest('app://popover/assets/app.js')).toBe(false);
    expect(cancelRendererRequest('data:image/png;base64,AA==')).toBe(false);
    for (const bad of ['file:///etc/passwd', 'https://cdn.example/x.js', 'ws://127.0.0.1:8787/', 'http://[::1', '']) {
      expect(cancelRendererRequest(bad), bad).toBe(true);
    }
  });
});

describe('test hooks and lab config', () => {
  const on = { MONITOR_TEST_HOOKS: '1', MONITOR_LAB_CONFIG: '/tmp/lab.json' };

  it('are refused in a packaged app, even when asked for', () => {
    expect(testHooksDecision({ env: on, isPackaged: true, flavour: 'dev' })).toEqual({
      allowed: false,
      reason: 'test hooks are refused in a packaged app',
    });
    expect(testHooksDecision({ env: on, isPackaged: true, flavour: 'release' }).allowed).toBe(false);
    expect(testHooksDecision({ env: on, isPackaged: false, flavour: 'release' }).allowed).toBe(false);
  });

  it('work unpackaged, and packaged only in the e2e build', () => {
    expect(testHooksDecision({ env: on, isPackaged: false, flavour: 'dev' })).toEqual({ allowed: true });
    expect(testHooksDecision({ env: on, isPackaged: true, flavour: 'e2e' })).toEqual({ allowed: true });
  });

  it('stay off unless asked, and a lab file alone is refused with a reason', () => {
    expect(testHooksDecision({ env: {}, isPackaged: false, flavour: 'dev' })).toEqual({ allowed: false, reason: null });
    expect(testHooksDecision({ env: { MONITOR_LAB_CONFIG: '/x' }, isPackaged: false, flavour: 'dev' }).allowed).toBe(false);
  });

  it('an unknown build flavour counts as release', () => {
    expect(parseBuildFlavour('e2e')).toBe('e2e');
    expect(parseBuildFlavour(undefined)).toBe('release');
    expect(parseBuildFlavour('debug')).toBe('release');
  });
});
