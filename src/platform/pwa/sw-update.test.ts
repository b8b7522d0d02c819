// The user decides when a new version takes over: no reload without their yes, even when another
// tab activated the new worker.

import { describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { createSwUpdate } from './sw-update';
import { requestPersistentStorage, storageEstimate } from './storage';

function harness(checkIntervalMs?: number) {
  let hooks!: RegisterSWOptions;
  const updateSW = vi.fn(async () => {});
  const reload = vi.fn();
  const intervals: (() => void)[] = [];
  const onNeedRefresh = vi.fn();
  const onOfflineReady = vi.fn();
  const controls = createSwUpdate(
    { onNeedRefresh, onOfflineReady, checkIntervalMs },
    {
      registerSW: (o) => ((hooks = o), updateSW),
      reload,
      setInterval: (fn) => intervals.push(fn),
      clearInterval: () => intervals.splice(0),
      shouldCheck: () => true,
    },
  );
  return { hooks, updateSW, reload, intervals, onNeedRefresh, onOfflineReady, controls };
}

describe('createSwUpdate', () => {
  it('prompts, and only the user\'s yes sends skip-waiting; the reload follows the takeover', async () => {
    const h = harness();
    h.hooks.onOfflineReady?.();
    expect(h.onOfflineReady).toHaveBeenCalled();
    await h.controls.updateNow(); // nothing waiting yet
    expect(h.updateSW).not.toHaveBeenCalled();
    h.hooks.onNeedRefresh?.();
    expect(h.controls.needRefresh).toBe(true);
    expect(h.reload).not.toHaveBeenCalled();
    await h.controls.updateNow();
    expect(h.updateSW).toHaveBeenCalledWith(true);
    h.hooks.onNeedReload?.(); // controllerchange after skip-waiting
    expect(h.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload when another tab made the new worker take over; asks instead', async () => {
    const h = harness();
    h.hooks.onNeedReload?.();
    expect(h.reload).not.toHaveBeenCalled();
    expect(h.onNeedRefresh).toHaveBeenCalled();
    await h.controls.updateNow();
    expect(h.updateSW).not.toHaveBeenCalled();
    expect(h.reload).toHaveBeenCalledTimes(1);
  });

  it('checks for updates periodically until disposed', () => {
    const h = harness(1000);
    const update = vi.fn(async () => undefined);
    h.hooks.onRegisteredSW?.('/sw.js', { update } as unknown as ServiceWorkerRegistration);
    h.intervals[0]!();
    expect(update).toHaveBeenCalledTimes(1);
    h.controls.dispose();
    expect(h.intervals).toHaveLength(0);
  });
});

describe('storage', () => {
  it('persistent storage: granted, denied, unsupported', async () => {
    expect(await requestPersistentStorage({ storage: { persisted: async () => true, persist: async () => false } })).toBe('granted');
    expect(await requestPersistentStorage({ storage: { persisted: async () => false, persist: async () => false } })).toBe('denied');
    expect(await requestPersistentStorage({ storage: { persisted: async () => false, persist: async () => true } })).toBe('granted');
    expect(await requestPersistentStorage({})).toBe('unsupported');
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
  });

  it('estimate', async () => {
    expect(await storageEstimate({ storage: { estimate: async () => ({ usage: 10, quota: 100 }), persisted: async () => true } })).toEqual({ usage: 10, quota: 100, persisted: true });
    expect(await storageEstimate({})).toBeNull();
  });
});
