import { describe, expect, it } from 'vitest';
import { ageSeconds, dayToIso, formatAge, formatAgo, formatDate, formatDateTime, formatDay, formatQuantity, freshness, groupHex, isoToDay, localDay, shortHex } from './format';

describe('formatAge', () => {
  it('says "just now" under a minute, in both languages', () => {
    expect(formatAge(0, 'zh-CN')).toBe('刚刚');
    expect(formatAge(59, 'en')).toBe('just now');
    expect(formatAge(-30, 'en')).toBe('just now');
  });
  it('uses minutes, then hours (with minutes while short), then days', () => {
    expect(formatAge(60, 'en')).toBe('1 minute');
    expect(formatAge(125, 'zh-CN')).toBe('2 分钟');
    expect(formatAge(3600 + 20 * 60, 'en')).toBe('1 hour 20 minutes');
    expect(formatAge(3600 + 20 * 60, 'zh-CN')).toBe('1 小时 20 分钟');
    expect(formatAge(7 * 3600, 'en')).toBe('7 hours');
    expect(formatAge(86_400 + 3 * 3600, 'zh-CN')).toBe('1 天 3 小时');
    expect(formatAge(10 * 86_400 + 5 * 3600, 'en')).toBe('10 days');
  });
  it('formats an "ago" phrase, leaving "just now" alone', () => {
    expect(formatAgo(10, 'zh-CN')).toBe('刚刚');
    expect(formatAgo(180, 'zh-CN')).toBe('3 分钟前');
    expect(formatAgo(180, 'en')).toBe('3 minutes ago');
  });
});

describe('freshness', () => {
  it('grades an age against its limit', () => {
    expect(freshness(null, 100)).toBe('never');
    expect(freshness(0, 100)).toBe('fresh');
    expect(freshness(75, 100)).toBe('fresh');
    expect(freshness(76, 100)).toBe('aging');
    expect(freshness(100, 100)).toBe('aging');
    expect(freshness(101, 100)).toBe('stale');
  });
  it('computes ages in whole seconds, never negative', () => {
    expect(ageSeconds(null, 5000)).toBeNull();
    expect(ageSeconds(1000, 62_999)).toBe(61);
    expect(ageSeconds(10_000, 5000)).toBe(0);
  });
});

describe('days and quantities', () => {
  it('round-trips batch days through <input type=date> values', () => {
    expect(dayToIso(0)).toBe('1970-01-01');
    expect(isoToDay('2026-11-23')).toBe(Math.floor(Date.UTC(2026, 10, 23) / 86_400_000));
    expect(dayToIso(isoToDay('2026-11-23')!)).toBe('2026-11-23');
    expect(isoToDay('23/11/2026')).toBeNull();
  });
  it('formats a batch day as a UTC calendar date', () => {
    const day = isoToDay('2026-11-23')!;
    expect(formatDay(day, 'zh-CN')).toBe('2026年11月23日');
    expect(formatDay(day, 'en')).toBe('23 Nov 2026');
  });
  it('formats times to the minute and dates, device-local or UTC, as Intl does for zh-CN and en-GB', () => {
    const t = Date.UTC(2026, 8, 5, 1, 7); // 5 Sep 2026 01:07 UTC
    expect(formatDateTime(t, 'zh-CN', 'UTC')).toBe('2026/09/05 01:07');
    expect(formatDateTime(t, 'en', 'UTC')).toBe('5 Sep 2026, 01:07');
    expect(formatDate(t, 'zh-CN', 'UTC')).toBe('2026年9月5日');
    expect(formatDate(t, 'en', 'UTC')).toBe('5 Sep 2026');
    const local = new Date(2026, 11, 31, 23, 59).getTime();
    expect(formatDateTime(local, 'zh-CN')).toBe('2026/12/31 23:59');
    expect(formatDate(local, 'en')).toBe('31 Dec 2026');
  });
  it('takes today from the device calendar', () => {
    const d = new Date(2026, 10, 23, 7, 0);
    expect(dayToIso(localDay(d.getTime()))).toBe('2026-11-23');
  });
  it('names units in each language', () => {
    expect(formatQuantity(40, 'jin', 'zh-CN')).toBe('40 斤');
    expect(formatQuantity(1500, 'g', 'en')).toBe('1,500 g');
    expect(formatQuantity(300, 'piece', 'en')).toBe('300 pcs');
    expect(formatQuantity(1234567, 'kg', 'zh-CN')).toBe('1,234,567 公斤');
  });
});

describe('hex display', () => {
  it('shortens and groups', () => {
    const hex = 'ab'.repeat(32);
    expect(shortHex(hex)).toBe('abababab…abababab');
    expect(groupHex('0123456789')).toBe('0123 4567 89');
  });
});
