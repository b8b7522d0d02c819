// Build of the Sanma PWA (docs/DESIGN.md §5, §6). The service worker is generated (workbox generateSW)
// with registerType 'prompt': a waiting version takes over only when the user taps "Update",
// so a vendor's screen never reloads mid-sale. The zxing-wasm decoder (.wasm) is precached with
// the app shell so scanning works offline; the ledger API is never answered from the SW cache.

import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressDir } from './server/start/precompress';

/**
 * Content-Security-Policy of the built app (not of the dev server, whose React refresh preamble is
 * an inline script). No third-party origins: the vendor's secret key lives on this origin.
 * connect-src allows any http(s) origin because the ledger URL comes from /sanma-config.json.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'sanma-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

/** .br and .gz beside the built files, for `sanma start`'s static server; after the service worker is written. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'sanma-precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler: () => {
        precompressDir(outDir);
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      // Registration goes through src/platform/pwa (workbox-window), not an injected script.
      injectRegister: false,
      // public/ files reach the precache through globPatterns; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: '三码合一 Sanma',
        short_name: '三码合一',
        description: '摊位收款码、摊主健康证和货品溯源码合为一个二维码，离线核验。Sanma: one stall code for payment, health certificate and traceability, verified offline.',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f5f6f7',
        theme_color: '#0b6b2e',
        categories: ['shopping', 'utilities'],
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
        shortcuts: [
          { name: '扫码核验 Scan', url: '/shopper', icons: [{ src: '/icon-192.png', sizes: '192x192' }] },
          { name: '检查员 Inspector', url: '/inspector', icons: [{ src: '/icon-192.png', sizes: '192x192' }] },
          { name: '摊主 Vendor', url: '/vendor', icons: [{ src: '/icon-192.png', sizes: '192x192' }] },
        ],
      },
      workbox: {
        // The app shell, the lazy role chunks, the decoder worker with its chunks and the decoder's
        // .wasm: everything scanning and verifying needs offline (the worker and the JavaScript
        // fallback are .js under assets/). The demo data and the policy are not build assets.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'],
        globIgnores: ['demo/**'],
        // zxing_reader.wasm is ~1 MB; workbox's default limit (2 MiB) is close to it.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        // Deep links (/c#…, /vendor, /inspector) open offline; the ledger API never falls back to the shell.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/v1\//, /^\/demo\//, /\.[a-z0-9]+$/i],
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
        runtimeCaching: [
          {
            // The trust policy and the app config: the newest when online, the last copy offline.
            // The app also keeps the accepted policy in IndexedDB and only accepts a changed one
            // signed by a quorum, so a stale copy here can never weaken it.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname === '/policy.bin' || url.pathname === '/sanma-config.json'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'sanma-trust',
              networkTimeoutSeconds: 5,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 4 },
            },
          },
          // Deliberately no rule for the ledger API (/v1/…): a cached header page or vendor status
          // served as if fresh would hide exactly the staleness the app must show.
        ],
      },
      devOptions: { enabled: false },
    }),
    precompress(),
  ],
  // The decoder worker (src/platform/scanner/worker) is a module worker: its decoders stay lazy
  // chunks of their own (the @zxing/library fallback is fetched only when the .wasm cannot load),
  // which the classic-script 'iife' format cannot split.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    cssCodeSplit: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
