import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The Strata server (api module) listens here during development.
const server = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    // Maven packages target/classes into the jar, so the app ends up under static/ and
    // Spring Boot serves it at /.
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': { target: server, ws: true, changeOrigin: true },
      '/api': { target: server, changeOrigin: true },
      '/oauth2': { target: server, changeOrigin: true },
      '/actuator': { target: server, changeOrigin: true },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
