// Quick-pick history of the vendor's batches (docs/DESIGN.md §2 vendor step 3: "picking from history").
// A batch is remembered by product + origin + supplier; the latest amount, unit, day and test
// result replace the older ones, so a pick pre-fills what the vendor entered last time.

import type { Batch } from '../../core';
import type { BatchHistoryEntry } from './contract';

export function batchKey(b: Batch): string {
  return JSON.stringify([b.product, b.origin, b.supplier]);
}

export function mergeBatchHistory(
  existing: (key: string) => BatchHistoryEntry | undefined,
  batches: readonly Batch[],
  usedAt: number,
): BatchHistoryEntry[] {
  const out = new Map<string, BatchHistoryEntry>();
  for (const batch of batches) {
    const key = batchKey(batch);
    const before = out.get(key) ?? existing(key);
    out.set(key, { key, batch: { ...batch }, lastUsedAt: usedAt, uses: (before?.uses ?? 0) + 1 });
  }
  return [...out.values()];
}

export const DEFAULT_RECENT_BATCHES = 20;
