// How long a phone keeps what its user did (PIPL art. 6 "minimum necessary", art. 47 deletion;
// README, Privacy). Both stores apply these rules on every write and when the app opens, so
// nothing outlives them even on a phone that is no longer used to scan.
//
// - A shopper's scan history exists so the shopper can open a recent verdict again: 30 days and
//   at most 50 entries, whichever is fewer.
// - An inspector's log exists until its findings are handed to the market office (the CSV) and
//   for a possible dispute of a finding afterwards: 90 days. The office's own copy is the record.
// Each entry can also be deleted at any time, one by one or all at once.

const DAY_MS = 86_400_000;

export const SCAN_HISTORY_MAX = 50;
export const SCAN_RETENTION_MS = 30 * DAY_MS;
export const INSPECTION_RETENTION_MS = 90 * DAY_MS;

/** Entries with `time` before this are deleted at `now`. */
export const keptSince = (now: number, retentionMs: number): number => now - retentionMs;

/**
 * Which scans to delete at `now`: those older than the retention period and, of the rest, all
 * but the newest SCAN_HISTORY_MAX (newest by time, then by id).
 */
export function scansToDrop<T extends { id?: number; time: number }>(entries: readonly T[], now: number): T[] {
  const since = keptSince(now, SCAN_RETENTION_MS);
  const newestFirst = entries.slice().sort((a, b) => b.time - a.time || (b.id ?? 0) - (a.id ?? 0));
  return newestFirst.filter((e, i) => e.time < since || i >= SCAN_HISTORY_MAX);
}
