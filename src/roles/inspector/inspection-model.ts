// The inspector's pure logic (unit-tested): sync progress as one percentage, log filters, and
// the CSV export of the log.

import type { InspectionEntry } from '../../platform/store';
import type { SyncProgress } from '../../app/services';
import { toCsv } from '../../app/csv';
import { STATUS_TEXT } from '../../app/i18n/reasons';
import { problemText } from '../../app/i18n/inspector';
import { claimedStall } from '../../app/verdict-model';
import type { Lang } from '../../app/format';

/** Policy 0–5 %, headers 5–90 % (by count), revocations 90–100 %. */
export function syncPercent(p: SyncProgress): number {
  if (p.phase === 'policy') return 2;
  if (p.phase === 'revocations') return 95;
  const h = p.headers;
  if (!h || h.total <= 0) return 5;
  return Math.round(5 + 85 * Math.min(1, h.done / h.total));
}

export interface LogFilter {
  result: 'all' | 'pass' | 'fail';
  /** 'YYYY-MM-DD' in the device's calendar, or '' for any day. */
  date: string;
  text: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-11-23 09:05:07", device-local: what spreadsheets parse as a date in any locale. */
export function localIsoDateTime(ms: number): string {
  const d = new Date(ms);
  return `${localIsoDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function filterLog(entries: readonly InspectionEntry[], f: LogFilter): InspectionEntry[] {
  const needle = f.text.trim().toLowerCase();
  return entries.filter((e) => {
    if (f.result !== 'all' && e.result !== f.result) return false;
    if (f.date && localIsoDate(e.time) !== f.date) return false;
    if (needle) {
      const hay = `${e.stallNo}\n${e.note}\n${e.reasons.join(' ')}`.toLowerCase();
      if (!hay.includes(needle)) return false;
    }
    return true;
  });
}

/**
 * The log as CSV (UTF-8 with BOM, CRLF; see csv.ts), in the chosen language. Columns: time, stall
 * number, stall name (as the scanned code states it), verdict, finding, reason codes, the same
 * problems in words, note, and the code's record position in the ledger (height:index), which
 * finds the record again; not the code text, which is the vendor's whole record (minimum
 * necessary: the office needs the finding, not a copy of the code).
 */
export function logCsv(entries: readonly InspectionEntry[], lang: Lang, header: readonly string[], resultText: Record<'pass' | 'fail', string>): string {
  const separator = lang === 'zh-CN' ? '；' : '; ';
  return toCsv(
    header,
    entries.map((e) => {
      const claimed = claimedStall(e.text);
      return [
        localIsoDateTime(e.time),
        e.stallNo,
        claimed?.stallName ?? '',
        STATUS_TEXT[lang][e.status],
        resultText[e.result],
        e.reasons.join(' '),
        e.reasons.map((r) => problemText(r, lang)).join(separator),
        e.note,
        claimed ? `${claimed.height}:${claimed.index}` : '',
      ];
    }),
  );
}
