// Values fixed at build time by scripts/build-electron.ts (esbuild `define`); see build/README.md.
import { parseBuildFlavour } from '../shell/test-hook-policy.ts';
import type { BuildFlavour } from '../shell/test-hook-policy.ts';

declare const __MONITOR_BUILD_FLAVOUR__: string | undefined;
declare const __MONITOR_UPDATE_URL__: string | undefined;

/** 'release' when the define is missing: an unknown bundle gets the strictest rules. */
export const BUILD_FLAVOUR: BuildFlavour = parseBuildFlavour(
  typeof __MONITOR_BUILD_FLAVOUR__ === 'undefined' ? undefined : __MONITOR_BUILD_FLAVOUR__,
);

/** The generic update feed (MONITOR_UPDATE_URL when the app was built); '' = no updates. */
export const UPDATE_FEED_URL: string = typeof __MONITOR_UPDATE_URL__ === 'undefined' ? '' : __MONITOR_UPDATE_URL__;

declare const __MONITOR_SIGNED_BUILD__: boolean | undefined;

/** A signing identity (CSC_LINK / CSC_NAME) was present at build time; unsigned mac builds cannot self-update. */
export const SIGNED_BUILD: boolean = typeof __MONITOR_SIGNED_BUILD__ === 'undefined' ? false : __MONITOR_SIGNED_BUILD__;
