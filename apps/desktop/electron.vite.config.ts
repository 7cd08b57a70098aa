import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// @tripdesk/shared ships TypeScript sources, so the main process bundles it instead of loading it at run time.
const bundleShared = { exclude: ['@tripdesk/shared'] };

export default defineConfig({
  main: {
    build: { externalizeDeps: bundleShared },
  },
  preload: {
    build: {
      externalizeDeps: bundleShared,
      // A sandboxed preload runs as a classic script: CommonJS, never an ES module.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    // Relative asset paths: the same build loads from app://tripdesk/ in Electron and from the server's `/`.
    base: './',
    plugins: [react()],
    // Also served to browsers over the network, so it ships minified (electron-vite leaves it readable).
    build: { minify: true, sourcemap: true },
  },
});
