import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The script and style an exported dashboard file embeds (src/export/viewer.tsx): one self-contained IIFE with
// React and ECharts inside, written beside the app so the app can fetch it when it exports.
export default defineConfig({
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/export/viewer.tsx',
      formats: ['iife'],
      name: 'StrataExport',
      fileName: () => 'export-viewer.js',
      cssFileName: 'export-viewer',
    },
  },
});
