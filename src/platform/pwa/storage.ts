// Persistent storage (Storage Standard §4): without it the browser may evict IndexedDB under
// storage pressure, taking the header cache, the outbox and the inspection log with it. Chrome
// grants it to installed or engaged sites without a prompt; Firefox asks; Safari has no API.

import type { PersistResult, StorageEstimate } from './contract';

type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

function storageManager(nav: { storage?: Partial<StorageLike> } | undefined): Partial<StorageLike> | undefined {
  return nav?.storage;
}

export async function requestPersistentStorage(nav: { storage?: Partial<StorageLike> } | undefined = globalThis.navigator): Promise<PersistResult> {
  const s = storageManager(nav);
  if (!s?.persist) return 'unsupported';
  try {
    if (s.persisted && (await s.persisted())) return 'granted';
    return (await s.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/** Usage and quota in bytes, or null where the browser cannot tell. */
export async function storageEstimate(nav: { storage?: Partial<StorageLike> } | undefined = globalThis.navigator): Promise<StorageEstimate | null> {
  const s = storageManager(nav);
  if (!s?.estimate) return null;
  try {
    const e = await s.estimate();
    const persisted = s.persisted ? await s.persisted().catch(() => null) : null;
    return { usage: e.usage ?? 0, quota: e.quota ?? 0, persisted };
  } catch {
    return null;
  }
}
