/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Only proxy when a backend URL is given, so `npm run dev` never reaches out on its own.
const apiTarget = process.env.JUNHENG_API_URL

export default defineConfig({
  // Relative asset paths: Tauri serves dist from a custom protocol, not from "/".
  base: './',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
  },
  server: apiTarget ? { proxy: { '/api': { target: apiTarget, changeOrigin: true } } } : {},
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Shared two-core machine: whole pages mount slowly under load (see tests/setup.ts).
    testTimeout: 60_000,
    css: false,
  },
})
