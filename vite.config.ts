import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * main.tsx loads the popover's React tree (mount.tsx) with a dynamic import so the first requests go out before it
 * runs; a modulepreload link lets the browser fetch and compile that chunk beside the entry instead of after it.
 */
function preloadMountChunk(): Plugin {
  return {
    name: 'popover-preload-mount',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/mount.tsx'));
        if (!chunk) throw new Error('popover build: no chunk for src/mount.tsx');
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

// Builds the popover. Relative base so the same files load from file:// (Electron) and from the browser-mode bridge.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadMountChunk()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No inline scripts or styles anywhere: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
