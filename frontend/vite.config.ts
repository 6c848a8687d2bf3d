import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// In development the API is the local gateway (same origin in production).
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': gateway },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
