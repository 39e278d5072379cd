import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API server serves designer/dist at `/` with an SPA fallback; in `vite dev`
// the API calls are proxied to a locally running server (MATTERFLOW_API, default :3000).
export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/designer.ts reads the manifest to size the modeler page's chunks.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': process.env.MATTERFLOW_API ?? 'http://127.0.0.1:3000' },
  },
});
