// Service-worker state for the shell: "update available" (the user decides when the new version
// takes over — a vendor's screen must never reload mid-sale) and "ready offline".

import { useEffect, useRef, useState } from 'react';
import { registerServiceWorker, type ServiceWorkerControls } from '../platform/pwa';
import { on } from './events';
import { matchRoute } from './router';
import { useI18n } from './i18n';

/**
 * A first visit from a stall's poster (/c#…) waits for its verdict: the service worker precaches
 * the whole app (~0.6 MB compressed), which on a phone's slow link would compete with the few kB
 * of policy and headers the verdict needs. Not measured: bench figure 9 cannot throttle the
 * service worker's requests (bench/README.md). Any other page registers at once; the timeout
 * keeps a verdict that never comes from leaving the app without offline support.
 */
const SW_DEFER_MAX_MS = 20_000;

function afterVerdictOnCodeLink(start: () => void): () => void {
  if (matchRoute(window.location.pathname, '').name !== 'code') {
    start();
    return () => undefined;
  }
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    off();
    clearTimeout(timer);
    start();
  };
  const off = on('verdict-shown', once);
  const timer = setTimeout(once, SW_DEFER_MAX_MS);
  return () => {
    off();
    clearTimeout(timer);
  };
}

export function UpdateBanner() {
  const { t } = useI18n();
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const [updating, setUpdating] = useState(false);
  const controls = useRef<ServiceWorkerControls | null>(null);

  useEffect(() => {
    // No service worker in the dev server (vite-plugin-pwa devOptions off) or on http:// hosts.
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
    let c: ServiceWorkerControls | null = null;
    const cancel = afterVerdictOnCodeLink(() => {
      c = registerServiceWorker({
        onNeedRefresh: () => setNeedRefresh(true),
        onOfflineReady: () => setOfflineReady(true),
      });
      controls.current = c;
    });
    return () => {
      cancel();
      c?.dispose();
    };
  }, []);

  if (needRefresh) {
    return (
      <div className="banner update" role="region" aria-label={t.updateAvailable} data-testid="update-banner">
        <p>{t.updateAvailable}</p>
        <button
          type="button"
          className="btn primary"
          disabled={updating}
          data-testid="update-now"
          onClick={() => {
            setUpdating(true);
            void controls.current?.updateNow();
          }}
        >
          {t.updateNow}
        </button>
        <button type="button" className="btn" onClick={() => setNeedRefresh(false)}>
          {t.updateLater}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="banner" role="status" data-testid="offline-ready">
        <p>{t.offlineReady}</p>
        <button type="button" className="btn" onClick={() => setOfflineReady(false)}>
          {t.dismiss}
        </button>
      </div>
    );
  }
  return null;
}
