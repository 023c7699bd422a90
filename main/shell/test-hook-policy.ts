// Whether the e2e test hooks and the lab config may switch on: compiled out of release builds, refused when packaged.

/**
 * Which bundle this is, fixed at build time by scripts/build-electron.ts (esbuild `define`):
 * - 'release': `npm run dist`; the hooks module is replaced by a stub, so nothing of it ships;
 * - 'e2e': the packaged build the Playwright tests launch (never published);
 * - 'dev': `npm run build:electron` / `npm start`.
 */
export type BuildFlavour = 'release' | 'e2e' | 'dev';

export const BUILD_FLAVOURS: readonly BuildFlavour[] = ['release', 'e2e', 'dev'];

export interface HookFacts {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  flavour: BuildFlavour;
}

export type HookDecision = { allowed: true } | { allowed: false; reason: string | null };

/** The hooks run only when asked for, in a bundle that has them, and (outside the e2e build) only unpackaged. */
export function testHooksDecision({ env, isPackaged, flavour }: HookFacts): HookDecision {
  const asked = env.MONITOR_TEST_HOOKS === '1' || Boolean(env.MONITOR_LAB_CONFIG);
  if (!asked) return { allowed: false, reason: null };
  if (flavour === 'release') return { allowed: false, reason: 'test hooks are not part of release builds' };
  // A packaged dev bundle is somebody's installed app: an environment variable must not redirect its probes.
  if (isPackaged && flavour !== 'e2e') return { allowed: false, reason: 'test hooks are refused in a packaged app' };
  if (env.MONITOR_TEST_HOOKS !== '1') return { allowed: false, reason: 'MONITOR_LAB_CONFIG is only read with MONITOR_TEST_HOOKS=1' };
  return { allowed: true };
}

/** Parses the define's value; anything unknown counts as the strictest flavour. */
export function parseBuildFlavour(value: unknown): BuildFlavour {
  return (BUILD_FLAVOURS as readonly unknown[]).includes(value) ? (value as BuildFlavour) : 'release';
}
