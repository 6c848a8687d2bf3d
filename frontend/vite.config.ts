import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// In development the API is the local gateway (same origin in production).
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the build: the directory is what CloudFront and the local gateway serve,
    // and a map would publish the sources (Vite's dev server still has them while developing).
    sourcemap: false,
    target: 'es2022',
    // No modulepreload polyfill: the one lazy chunk (the operator console) needs nothing but the
    // entry chunk, already loaded, and the polyfill would cost every buyer 0.3 KB compressed.
    modulePreload: false,
  },
  server: {
    proxy: { '/api': gateway },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
