import { describe, expect, it } from 'vitest';
import type { InspectionEntry } from '../../platform/store';
import { typicalNetwork } from '../../../test/fixtures/network';
import { filterLog, localIsoDate, localIsoDateTime, logCsv, syncPercent } from './inspection-model';

const at = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h, 5, 7).getTime();
const entry = (o: Partial<InspectionEntry>): InspectionEntry => ({
  id: 1, stallNo: 'A01', text: 'HTTPS://M/C#AAAA', status: 'verified', reasons: [], note: '', result: 'pass', time: at(2026, 11, 23), ...o,
});

describe('syncPercent', () => {
  it('moves through policy, headers (by count) and revocations', () => {
    expect(syncPercent({ phase: 'policy' })).toBe(2);
    expect(syncPercent({ phase: 'headers' })).toBe(5);
    expect(syncPercent({ phase: 'headers', headers: { done: 50, total: 100, height: 50 } })).toBe(48);
    expect(syncPercent({ phase: 'headers', headers: { done: 100, total: 100, height: 100 } })).toBe(90);
    expect(syncPercent({ phase: 'headers', headers: { done: 5, total: 0, height: 5 } })).toBe(5);
    expect(syncPercent({ phase: 'revocations' })).toBe(95);
  });
});

describe('filterLog', () => {
  const log = [
    entry({ id: 1, stallNo: 'A01', result: 'pass', time: at(2026, 11, 23) }),
    entry({ id: 2, stallNo: 'B03', result: 'fail', note: '健康证未公示', reasons: ['HEALTH_REVOKED'], time: at(2026, 11, 23, 11) }),
    entry({ id: 3, stallNo: 'A02', result: 'fail', time: at(2026, 11, 22) }),
  ];
  it('filters by finding, device-local day and text (stall, note, reason)', () => {
    expect(filterLog(log, { result: 'all', date: '', text: '' }).map((e) => e.id)).toEqual([1, 2, 3]);
    expect(filterLog(log, { result: 'fail', date: '', text: '' }).map((e) => e.id)).toEqual([2, 3]);
    expect(filterLog(log, { result: 'all', date: '2026-11-23', text: '' }).map((e) => e.id)).toEqual([1, 2]);
    expect(filterLog(log, { result: 'all', date: '', text: '公示' }).map((e) => e.id)).toEqual([2]);
    expect(filterLog(log, { result: 'all', date: '', text: 'health_revoked' }).map((e) => e.id)).toEqual([2]);
    expect(filterLog(log, { result: 'pass', date: '', text: 'b03' })).toEqual([]);
  });
  it('formats local dates for the filter and the CSV', () => {
    expect(localIsoDate(at(2026, 1, 5))).toBe('2026-01-05');
    expect(localIsoDateTime(at(2026, 1, 5, 8))).toBe('2026-01-05 08:05:07');
  });
});

describe('logCsv', () => {
  const header = ['时间', '摊位号', '摊位名称', '核验结果', '检查结论', '问题代码', '问题', '备注', '码的区块位置'];
  it('is UTF-8 CSV with a BOM, one row per entry, in the chosen language', () => {
    const csv = logCsv([entry({ stallNo: 'B03', status: 'invalid', result: 'fail', reasons: ['HEALTH_REVOKED', 'HEADERS_STALE'], note: '备注, 含逗号' })], 'zh-CN', header, { pass: '合格', fail: '不合格' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(header.join(','));
    expect(lines[1]).toBe('2026-11-23 09:05:07,B03,,无效,不合格,HEALTH_REVOKED HEADERS_STALE,健康证已被吊销；区块数据过旧,"备注, 含逗号",');
    expect(lines[2]).toBe('');
  });
  it('names the stall and the record position as its code states them (not the code text), and says each problem in words next to its code', () => {
    const { net, block, index } = typicalNetwork(2);
    const { text } = net.codeText(block, index);
    const csv = logCsv([entry({ stallNo: 'A012', text, status: 'warning', result: 'fail', reasons: ['PAYMENT_MALFORMED', 'SOME_OLD_CODE'] })], 'en', header, { pass: 'Pass', fail: 'Fail' });
    expect(csv.slice(1).split('\r\n')[1]).toBe(`2026-11-23 09:05:07,A012,张三蔬菜,Caution,Fail,PAYMENT_MALFORMED SOME_OLD_CODE,"payment channel malformed, must be re-registered; SOME_OLD_CODE",,${block.built.header.height}:${index}`);
    expect(csv).not.toContain(text.slice(text.indexOf('#') + 1, text.indexOf('#') + 30));
  });
  it('defuses formula-like notes and stall numbers from hostile codes', () => {
    const csv = logCsv([entry({ stallNo: '=cmd|x', note: '@SUM(1)' })], 'en', header, { pass: 'Pass', fail: 'Fail' });
    expect(csv).toContain(",'=cmd|x,");
    expect(csv).toContain(",'@SUM(1),");
  });
});
