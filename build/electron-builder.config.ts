// electron-builder configuration (`npm run dist`). Packaging needs the Electron zip for each target platform, which
// electron-builder downloads; run it on a machine with internet (ideally on the target OS: dmg needs macOS).
// Environment at build time (see build/README.md):
//   CSC_LINK / CSC_NAME     a Developer ID (mac) or code-signing certificate; without one, mac builds are signed ad hoc
//   MONITOR_UPDATE_URL      https folder the update files (latest*.yml + installers) are uploaded to; none = no updates
//   MONITOR_E2E_BUILD=1     the build the Playwright e2e launches: keeps the Node inspect fuse and the test hooks
import type { Configuration } from 'electron-builder';

const e2eBuild = process.env.MONITOR_E2E_BUILD === '1';
/** No signing identity: sign ad hoc, or Apple Silicon calls the app "damaged" (the fuses and Info.plist break the stub signature). */
const adHocMac = !process.env.CSC_LINK && !process.env.CSC_NAME;
const updateUrl = (process.env.MONITOR_UPDATE_URL ?? '').trim();

/**
 * Production dependencies only the aggregator (a server run from this repository) loads, and what only they pull in:
 * its PGlite/PostgreSQL store and the IP-to-network datasets. The app never requires them (its main bundle holds all
 * it needs but electron-updater), so they stay out of the installer: ~134 MiB unpacked, ~37 MiB gzip'd (build/README.md).
 * They stay in `dependencies` so a server install (`npm ci --omit=dev`) keeps working.
 */
export const SERVER_ONLY_MODULES = [
  '@electric-sql/pglite',
  '@ip-location-db/asn',
  '@ip-location-db/geo-whois-asn-country',
  'pg',
  'pg-cloudflare',
  'pg-connection-string',
  'pg-int8',
  'pg-pool',
  'pg-protocol',
  'pg-types',
  'pgpass',
  'postgres-array',
  'postgres-bytea',
  'postgres-date',
  'postgres-interval',
  'split2',
  'xtend',
];

const config: Configuration = {
  appId: 'com.imessagestatus.monitor',
  // productName and desktopName come from package.json: Electron names the packaged app (data folder, notifications,
  // WM class) from the package.json it carries, so they must be there, not only here.
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
    // electron-builder matches node_modules files by their path in the app (node_modules/<name>/…, nested too).
    ...SERVER_ONLY_MODULES.map((name) => `!**/node_modules/${name}{,/**}`),
  ],
  asar: true,
  npmRebuild: false,
  // The generic provider writes latest*.yml next to the installers and app-update.yml into the app; the same URL is
  // fixed into the main bundle by scripts/build-electron.ts (main/electron/build-flags.ts).
  publish: updateUrl ? [{ provider: 'generic', url: updateUrl }] : null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    // Playwright's _electron.launch attaches through --inspect; only the e2e build keeps it.
    enableNodeCliInspectArguments: e2eBuild,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The page comes from app:// (main/electron/app-protocol.ts); file: pages get no extra privileges.
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses rewrites the Electron binary; re-sign it ad hoc so Apple Silicon still runs it before signing.
    resetAdHocDarwinSignature: true,
  },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      // The zip is what electron-updater (Squirrel.Mac) installs from, and what latest-mac.yml points at.
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    category: 'public.app-category.utilities',
    icon: 'build/icon.png',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    // '-' = ad-hoc signature of the whole bundle (electron-builder skips signing otherwise); a real identity wins.
    ...(adHocMac ? { identity: '-' } : {}),
    entitlements: adHocMac ? 'build/entitlements.adhoc.mac.plist' : 'build/entitlements.mac.plist',
    entitlementsInherit: adHocMac ? 'build/entitlements.adhoc.mac.plist' : 'build/entitlements.mac.plist',
    extendInfo: {
      // A menu-bar app: no Dock icon, no app menu.
      LSUIElement: true,
      // Never frontmost, so otherwise an App Nap target: probe timers would be coalesced and alerts come late.
      LSAppNapIsDisabled: true,
    },
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.ico',
  },
  // The installer's Start-menu shortcut carries the appId as AppUserModelId, which Windows toasts need.
  nsis: { oneClick: true, perMachine: false },
  linux: {
    // deb first: the AppImage aborts on Ubuntu 24.04+ (unprivileged user namespaces restricted; electron-builder#8440).
    target: ['deb', 'AppImage'],
    category: 'Network',
    icon: 'build/icons/linux',
    synopsis: 'Is iMessage or FaceTime down, or is it your network?',
    maintainer: 'iMessage Status Monitor authors <maintainers@example.invalid>',
    // XWayland on Wayland sessions: native Wayland ignores window positions and always-on-top, so the popover could
    // not sit by the tray. Chromium picks its platform before main.cjs runs, hence a launcher argument.
    executableArgs: ['--ozone-platform=x11'],
    // The .desktop file is named after package.json's desktopName, and its StartupWMClass is what Electron sets.
    syncDesktopName: true,
  },
};

export default config;
