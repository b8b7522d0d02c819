// The update flow where the user decides (as Squoosh's sw-bridge does): a new version waits;
// "Update available" is shown; only on the user's yes does the waiting worker get SKIP_WAITING and
// the page reload when the new worker takes control. If the new worker takes control without the
// user's yes here (another tab of the app was updated), this page does NOT reload by itself: it
// reports onNeedRefresh again and reloads when the user agrees, so a vendor's screen never reloads
// mid-sale. `registerSW` is vite-plugin-pwa's (virtual:pwa-register), injected for tests.

import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import type { RegisterServiceWorkerOptions, ServiceWorkerControls } from './contract';

export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

export interface SwUpdateDeps {
  registerSW: RegisterSW;
  reload: () => void;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (id: unknown) => void;
  /** Periodic checks only while online and visible. */
  shouldCheck: () => boolean;
}

const DEFAULT_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export function createSwUpdate(opts: RegisterServiceWorkerOptions, deps: SwUpdateDeps): ServiceWorkerControls {
  let needRefresh = false;
  let agreed = false;
  let takenOver = false;
  let registration: ServiceWorkerRegistration | undefined;
  let timer: unknown;

  const announce = () => {
    needRefresh = true;
    opts.onNeedRefresh();
  };

  const updateSW = deps.registerSW({
    immediate: true,
    onNeedRefresh: announce,
    onOfflineReady: () => opts.onOfflineReady(),
    onNeedReload: () => {
      if (agreed) deps.reload();
      else {
        takenOver = true;
        announce();
      }
    },
    onRegisteredSW: (_url, reg) => {
      registration = reg;
      const every = opts.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
      if (reg && every > 0) {
        timer = deps.setInterval(() => {
          if (deps.shouldCheck()) void reg.update().catch(() => undefined);
        }, every);
      }
    },
    onRegisterError: (e) => opts.onRegisterError?.(e),
  });

  return {
    get needRefresh() {
      return needRefresh;
    },
    async updateNow() {
      if (!needRefresh) return;
      agreed = true;
      needRefresh = false;
      // Already controlled by the new worker (updated from another tab): just reload.
      if (takenOver) deps.reload();
      else await updateSW(true);
    },
    async checkForUpdate() {
      await registration?.update();
    },
    dispose() {
      if (timer !== undefined) deps.clearInterval(timer);
      timer = undefined;
    },
  };
}
