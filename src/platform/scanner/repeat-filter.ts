// De-duplication for continuous scanning (docs/DESIGN.md §2 inspector: "no re-scan of the same code
// within seconds"): a text is reported when it has not been SEEN for `repeatAfterMs`. A code held
// in front of the camera therefore reports once, and again only after it was out of view that long.

export interface RepeatFilter {
  /** True when `text` should be reported now. */
  accept(text: string): boolean;
  reset(): void;
}

export function createRepeatFilter(repeatAfterMs: number, now: () => number = () => performance.now()): RepeatFilter {
  const lastSeen = new Map<string, number>();
  return {
    accept(text) {
      const t = now();
      const before = lastSeen.get(text);
      lastSeen.set(text, t);
      if (lastSeen.size > 256) {
        for (const [k, v] of lastSeen) if (t - v >= repeatAfterMs) lastSeen.delete(k);
      }
      return before === undefined || t - before >= repeatAfterMs;
    },
    reset() {
      lastSeen.clear();
    },
  };
}
