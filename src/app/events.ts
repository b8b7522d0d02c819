// App-wide events between screens that do not share a parent state: a sync changed the stored
// data, or the database needs the user (another tab blocks an upgrade, or upgraded), or a verdict
// (or its failure) is on screen.

export type AppEvent = 'data-changed' | 'upgrade-blocked' | 'version-changed' | 'verdict-shown';

export function emit(event: AppEvent): void {
  window.dispatchEvent(new CustomEvent(`sanma:${event}`));
}

export function on(event: AppEvent, fn: () => void): () => void {
  const name = `sanma:${event}`;
  window.addEventListener(name, fn);
  return () => window.removeEventListener(name, fn);
}
