// Formatting of the numbers the screens show: ages of caches and codes, dates and times,
// quantities. Pure functions of (value, language) so they are unit-tested without a DOM.
// Times are device-local; batch days are UTC calendar days (src/core/codec/types.ts `Batch.day`).

import type { QuantityUnit } from '../core';

export type Lang = 'zh-CN' | 'en';

export const DAY_MS = 86_400_000;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An age in words: "刚刚" / "just now" under a minute, then the largest unit, with the next
 * unit as well while it still matters (1 h 20 min, 2 days 3 h). Negative ages (clock skew)
 * are shown as "just now": the clock check reports skew separately.
 */
export function formatAge(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.floor(seconds));
  const zh = lang === 'zh-CN';
  if (s < MINUTE) return zh ? '刚刚' : 'just now';
  if (s < HOUR) {
    const m = Math.floor(s / MINUTE);
    return zh ? `${m} 分钟` : plural(m, 'minute');
  }
  if (s < DAY) {
    const h = Math.floor(s / HOUR);
    const m = Math.floor((s % HOUR) / MINUTE);
    if (h < 6 && m > 0) return zh ? `${h} 小时 ${m} 分钟` : `${plural(h, 'hour')} ${plural(m, 'minute')}`;
    return zh ? `${h} 小时` : plural(h, 'hour');
  }
  const d = Math.floor(s / DAY);
  const h = Math.floor((s % DAY) / HOUR);
  if (d < 3 && h > 0) return zh ? `${d} 天 ${h} 小时` : `${plural(d, 'day')} ${plural(h, 'hour')}`;
  return zh ? `${d} 天` : plural(d, 'day');
}

/** "3 分钟前" / "3 minutes ago"; "刚刚" / "just now" stays as it is. */
export function formatAgo(seconds: number, lang: Lang): string {
  const age = formatAge(seconds, lang);
  if (seconds < MINUTE) return age;
  return lang === 'zh-CN' ? `${age}前` : `${age} ago`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export type Freshness = 'fresh' | 'aging' | 'stale' | 'never';

/**
 * How fresh a cache is against its policy limit. "aging" from three quarters of the limit on,
 * so an inspector sees it coming before the verdicts turn amber.
 */
export function freshness(ageSeconds: number | null, limitSeconds: number): Freshness {
  if (ageSeconds === null) return 'never';
  if (ageSeconds > limitSeconds) return 'stale';
  if (ageSeconds > limitSeconds * 0.75) return 'aging';
  return 'fresh';
}

/** Age in whole seconds between a past time and now (ms), or null when it never happened. */
export function ageSeconds(at: number | null | undefined, now: number): number | null {
  if (at === null || at === undefined) return null;
  return Math.max(0, Math.floor((now - at) / 1000));
}

// Dates are formatted by hand in the two fixed patterns the app shows, not with
// Intl.DateTimeFormat: building those formatters loads ICU's locale data, which was ~90 ms of a
// throttled cold start's path to the verdict (npm run bench, figure 8).
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

function dateParts(ms: number, zone: 'local' | 'UTC'): DateParts {
  const d = new Date(ms);
  return zone === 'UTC'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes() };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Date and time to the minute, device-local: "2026/11/23 09:00" / "23 Nov 2026, 09:00". */
export function formatDateTime(ms: number, lang: Lang, zone: 'local' | 'UTC' = 'local'): string {
  const p = dateParts(ms, zone);
  const time = `${two(p.hour)}:${two(p.minute)}`;
  return lang === 'zh-CN' ? `${p.year}/${two(p.month)}/${two(p.day)} ${time}` : `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}, ${time}`;
}

/** A calendar date: "2026年11月23日" / "23 Nov 2026". */
export function formatDate(ms: number, lang: Lang, zone: 'local' | 'UTC' = 'local'): string {
  const p = dateParts(ms, zone);
  return lang === 'zh-CN' ? `${p.year}年${p.month}月${p.day}日` : `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
}

/** A batch day (the market's calendar day, counted from 1970-01-01) as a calendar date. */
export function formatDay(day: number, lang: Lang): string {
  return formatDate(day * DAY_MS, lang, 'UTC');
}

/** Today's batch day on the device's calendar (a vendor at 07:00 in Hangzhou means today, not UTC's yesterday). */
export function localDay(now: number): number {
  const d = new Date(now);
  return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

/** "2026-11-23" for <input type="date"> from a batch day, and back. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
export function isoToDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms / DAY_MS) : null;
}

const UNIT_TEXT: Record<QuantityUnit, Record<Lang, string>> = {
  g: { 'zh-CN': '克', en: 'g' },
  kg: { 'zh-CN': '公斤', en: 'kg' },
  jin: { 'zh-CN': '斤', en: 'jin' },
  piece: { 'zh-CN': '件', en: 'pcs' },
};

export function unitText(unit: QuantityUnit, lang: Lang): string {
  return UNIT_TEXT[unit][lang];
}

export function formatQuantity(amount: number, unit: QuantityUnit, lang: Lang): string {
  // Amounts are whole numbers in the format (docs/FORMAT.md); grouped by hand like the dates above.
  const n = Number.isSafeInteger(amount) ? String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB').format(amount);
  return `${n} ${unitText(unit, lang)}`;
}

/** Short form of a long hex key for display: first and last 8 characters. */
export function shortHex(hex: string): string {
  return hex.length <= 20 ? hex : `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}

/** Hex grouped in fours so it can be read out or compared on paper. */
export function groupHex(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}
