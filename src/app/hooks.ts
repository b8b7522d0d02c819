// Small hooks shared by the screens: connectivity, a ticking clock for "x minutes ago", and
// reloading when a sync changed the stored data.

import { useEffect, useState, useSyncExternalStore } from 'react';
import { on, type AppEvent } from './events';

function subscribeOnline(cb: () => void): () => void {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

/** navigator.onLine: "false" is reliable (no network), "true" only means "maybe". */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/** Date.now(), refreshed every `ms` so ages on screen keep counting. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** A counter that increases on every app event of this kind: put it in an effect's deps to reload. */
export function useAppEvent(event: AppEvent): number {
  const [n, setN] = useState(0);
  useEffect(() => on(event, () => setN((x) => x + 1)), [event]);
  return n;
}
