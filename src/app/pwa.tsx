// Service-worker state for the shell: "update available" (the user decides when the new version
// takes over — STYLE habit 9; a vendor's screen must never reload mid-sale) and "ready offline".

import { useEffect, useRef, useState } from 'react';
import { registerServiceWorker, type ServiceWorkerControls } from '../platform/pwa';
import { useI18n } from './i18n';

export function UpdateBanner() {
  const { t } = useI18n();
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const [updating, setUpdating] = useState(false);
  const controls = useRef<ServiceWorkerControls | null>(null);

  useEffect(() => {
    // No service worker in the dev server (vite-plugin-pwa devOptions off) or on http:// hosts.
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
    const c = registerServiceWorker({
      onNeedRefresh: () => setNeedRefresh(true),
      onOfflineReady: () => setOfflineReady(true),
    });
    controls.current = c;
    return () => c.dispose();
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
