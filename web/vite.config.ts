import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The Strata server (api module) the dev server proxies to: STRATA_URL, else the default port.
const server = process.env.STRATA_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    // Maven packages target/classes into the jar, so the app ends up under static/ and
    // Spring Boot serves it at /.
    outDir: 'target/classes/static',
    emptyOutDir: true,
    // React, ECharts and urql in one chunk of ~0.9 MB (~290 kB gzipped), served once by the same server.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // The server refuses a cross-origin request (Spring Security's CORS check compares Origin with Host), so the
    // proxied requests present the server's own origin.
    proxy: Object.fromEntries(
      ['/graphql', '/api', '/oauth2', '/actuator', '/export-viewer.js', '/export-viewer.css'].map((path) => [
        path,
        { target: server, ws: path === '/graphql', changeOrigin: true, headers: { origin: server } },
      ]),
    ),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
