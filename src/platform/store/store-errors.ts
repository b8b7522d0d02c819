// Maps what IndexedDB and Dexie throw to StoreError codes. Browsers differ: Chrome reports a full
// disk as QuotaExceededError (often as the `inner` of a Dexie AbortError), Safari loses the
// connection when the app is backgrounded ("Connection to Indexed Database server lost",
// DatabaseClosedError / UnknownError / InvalidStateError), Firefox private mode refuses to open.

import { StoreError, type StoreErrorCode } from './contract';

function names(e: unknown): string[] {
  const out: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const o = cur as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    if (typeof o.name === 'string') out.push(o.name);
    if (typeof o.message === 'string') out.push(o.message);
    cur = o.inner ?? o.cause;
  }
  return out;
}

/** True for a lost connection that a reopen may cure. */
export function isConnectionLost(e: unknown): boolean {
  const n = names(e);
  return (
    n.includes('DatabaseClosedError') ||
    n.includes('InvalidStateError') ||
    n.some((s) => /connection to indexed ?db server lost|database connection is closing/i.test(s))
  );
}

export function toStoreError(e: unknown, fallback: StoreErrorCode = 'UNKNOWN'): StoreError {
  if (e instanceof StoreError) return e;
  const n = names(e);
  let code: StoreErrorCode = fallback;
  if (n.some((s) => s === 'QuotaExceededError' || /quota/i.test(s))) code = 'QUOTA_EXCEEDED';
  else if (n.includes('VersionError')) code = 'VERSION_CHANGED';
  else if (n.includes('MissingAPIError') || n.includes('SecurityError')) code = 'UNAVAILABLE';
  else if (isConnectionLost(e)) code = 'DATABASE_CLOSED';
  const message = e instanceof Error ? e.message : String(e);
  return new StoreError(code, message, { cause: e });
}
