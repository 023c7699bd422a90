// electron-builder configuration (`npm run dist`). Packaging needs the Electron zip for each target platform, which
// electron-builder downloads; run it on a machine with internet (ideally on the target OS: dmg needs macOS).
// Test builds for the Playwright e2e: MONITOR_E2E_BUILD=1 npm run dist keeps the Node inspect fuse on.
import type { Configuration } from 'electron-builder';

const e2eBuild = process.env.MONITOR_E2E_BUILD === '1';

const config: Configuration = {
  appId: 'com.imessagestatus.monitor',
  productName: 'iMessage Status',
  copyright: 'Copyright © the iMessage Status Monitor authors',
  directories: { output: 'release', buildResources: 'build' },
  // The bundles are self-contained; package.json's "main" may point elsewhere during development.
  extraMetadata: { main: 'dist/electron/main.cjs' },
  files: [
    'dist/electron/**',
    'dist/renderer/**',
    'package.json',
    '!**/*.map',
    '!{main,preload,renderer,contracts,aggregator,tests,bench,scripts,build,docs}/**',
    '!**/*.{ts,tsx}',
    '!**/{README,CHANGELOG}.md',
  ],
  asar: true,
  // PGlite reads its wasm and data bundle from disk next to its module.
  asarUnpack: ['node_modules/@electric-sql/pglite/**'],
  npmRebuild: false,
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    // Playwright's _electron.launch attaches through --inspect; only the e2e build keeps it.
    enableNodeCliInspectArguments: e2eBuild,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    category: 'public.app-category.utilities',
    icon: 'build/icon.png',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // A menu-bar app: no Dock icon, no app menu.
    extendInfo: { LSUIElement: true },
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.ico',
  },
  nsis: { oneClick: true, perMachine: false },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    icon: 'build/icons/linux',
    synopsis: 'Is iMessage or FaceTime down, or is it your network?',
    maintainer: 'iMessage Status Monitor authors <maintainers@example.invalid>',
  },
};

export default config;
