import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The host serves dist/ at "/", so assets use absolute paths; `npm run dev` proxies the API.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': process.env.RUNBOOK_HOST ?? 'http://localhost:5080',
      '/health': process.env.RUNBOOK_HOST ?? 'http://localhost:5080',
    },
  },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
