import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env['POSTUREBOARD_API_URL'] ?? 'http://localhost:3000';

// The API process serves `dist/web` at `/`, so the build lands there; in development Vite proxies the
// API paths so cookies and relative URLs behave exactly as in production.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The browser shares the domain's formatting rules (units) and its glossary (the product's words), and only
  // them: never the whole domain.
  resolve: {
    alias: {
      '@postureboard/domain/format': fileURLToPath(new URL('../../libs/domain/src/format/units.ts', import.meta.url)),
      '@postureboard/domain/glossary': fileURLToPath(new URL('../../libs/domain/src/glossary/glossary.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/graphql': apiTarget,
      '/auth': apiTarget,
      '/api': apiTarget,
    },
  },
});
