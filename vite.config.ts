import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Builds the popover. Relative base so the same files load from file:// (Electron) and from the browser-mode bridge.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No inline scripts or styles anywhere: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
