// The packaged e2e's helpers (tests/e2e/electron/package-app.ts), checked here because that e2e cannot run here.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronDistOf, packagedExecutable } from '../e2e/electron/package-app.ts';

const work = mkdtempSync(join(tmpdir(), 'imsm-pkg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function touch(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  chmodSync(path, 0o755);
}

describe('packaged e2e helpers', () => {
  it("find electron-builder's electronDist from the runtime executable", () => {
    expect(electronDistOf('/opt/electron-v45/electron')).toBe('/opt/electron-v45');
    expect(electronDistOf('/x/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron')).toBe('/x/node_modules/electron/dist');
  });

  it('find the executable in a --dir output per platform', () => {
    touch(join(work, 'linux-unpacked', 'imessage-status-monitor'));
    touch(join(work, 'mac-arm64', 'iMessage Status.app', 'Contents', 'MacOS', 'iMessage Status'));
    touch(join(work, 'win-unpacked', 'iMessage Status.exe'));
    expect(packagedExecutable(work, 'linux')).toBe(join(work, 'linux-unpacked', 'imessage-status-monitor'));
    expect(packagedExecutable(work, 'darwin')).toBe(join(work, 'mac-arm64', 'iMessage Status.app', 'Contents', 'MacOS', 'iMessage Status'));
    expect(packagedExecutable(work, 'win32')).toBe(join(work, 'win-unpacked', 'iMessage Status.exe'));
    expect(packagedExecutable(join(work, 'missing'), 'linux')).toBeNull();
  });
});
