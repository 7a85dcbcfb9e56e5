import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.TWIN_SERVER ?? 'http://localhost:3000';

// The server serves dist/client in production; in dev Vite proxies the API and the socket to it.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Libraries in chunks of their own: cached across releases of the app, fetched in parallel.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/[\\/](three|@react-three|three-stdlib|camera-controls|maath)[\\/]/.test(id)) return 'three';
          if (/[\\/](react|react-dom|scheduler|zustand)[\\/]/.test(id)) return 'react';
          if (/[\\/](socket\.io-client|engine\.io-client|socket\.io-parser|engine\.io-parser|@socket\.io)[\\/]/.test(id)) return 'socket';
          if (/[\\/]uplot[\\/]/.test(id)) return 'uplot';
          if (/[\\/]zod[\\/]/.test(id)) return 'zod';
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
