import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': server,
      '/ws': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // The browser needs only the protocol's constants and types. Its TypeBox schemas are built by
      // plain calls at module load, which the bundler must keep unless told they are pure.
      treeshake: {
        moduleSideEffects: [{ test: /packages\/protocol\/src\//, sideEffects: false }],
        manualPureFunctions: ['Type', 'Compile'],
      },
    },
  },
});
