/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig, type ProxyOptions } from 'vite'

// The SPA is served on 127.0.0.1:5173 (DESIGN.md, "Local defaults and ports"); tests pick a free port
// through SPA_PORT. Each service is reached through its own path prefix, stripped before forwarding,
// the same routing a production reverse proxy does in front of the static files.
const port = Number(process.env.SPA_PORT ?? 5173)

function service(prefix: string, target: string): Record<string, ProxyOptions> {
  return {
    [prefix]: {
      target,
      changeOrigin: true,
      rewrite: (path) => path.slice(prefix.length) || '/',
    },
  }
}

const proxy: Record<string, ProxyOptions> = {
  ...service('/claims-api', process.env.CLAIMS_API_URL ?? 'http://127.0.0.1:8001'),
  ...service('/docs-render', process.env.DOCS_RENDER_URL ?? 'http://127.0.0.1:8002'),
  ...service('/notify', process.env.NOTIFY_URL ?? 'http://127.0.0.1:8003'),
}

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy },
  build: {
    rolldownOptions: {
      output: {
        // React and the router change rarely: one long-cached chunk, loaded with the login page.
        // React Query and the pages stay in the chunks loaded after login.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/ }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20_000, // see asyncUtilTimeout in src/test/setup.ts
  },
})
