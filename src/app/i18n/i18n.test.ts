// Every check, reason code and ledger refusal has text in both languages (the typed tables make a
// missing one a type error; this also checks the sentences come out whole, with their numbers).

import { describe, expect, it } from 'vitest';
import type { Check, CheckId, LedgerReason, ReasonCode, StallCode } from '../../core';
import { verifyStallCode } from '../../core';
import { typicalNetwork, DAY_MS } from '../../../test/fixtures/network';
import { MESSAGES } from './messages';
import { CHECK_TITLE, LEDGER_REASON_TEXT, STATUS_ADVICE, STATUS_TEXT, checkText } from './reasons';

// Records over the closed unions: adding a code to the core without listing it here fails the typecheck.
const REASONS: Record<ReasonCode, true> = {
  OK: true, PAYLOAD_MALFORMED: true, PAYLOAD_UNKNOWN_VERSION: true, CHAIN_UNKNOWN: true, URL_BASE_MISMATCH: true,
  BARE_PAYLOAD: true, ANCHOR_NOT_CACHED: true, INCLUSION_MISMATCH: true, PROOF_SHAPE: true, HEALTH_EXPIRED: true,
  HEALTH_REVOKED: true, CODE_REVOKED: true, REVOCATIONS_NOT_SYNCED: true, REVOCATIONS_STALE: true, CODE_STALE: true,
  PAYMENT_MALFORMED: true, PRODUCE_TEST_FAILED: true, HEADERS_NOT_SYNCED: true, HEADERS_STALE: true, CLOCK_BEHIND: true,
  REVOCATIONS_INCOMPLETE: true, REGISTRATION_REVOKED: true, STALL_HANDED_OVER: true, LEDGER_FORKED: true,
  PRODUCE_NOT_TODAY: true, POLICY_NOT_SYNCED: true, POLICY_STALE: true,
};
const CHECKS: Record<CheckId, true> = {
  format: true, chain: true, url: true, anchor: true, inclusion: true, ledger: true, health: true, revocation: true,
  'code-age': true, 'produce-date': true, payment: true, produce: true, 'header-freshness': true, 'policy-freshness': true, clock: true,
};
const LANGS = ['zh-CN', 'en'] as const;

const T = Date.UTC(2026, 10, 1, 2, 0);
const DETAIL = { ageSeconds: 7200, limitSeconds: 3600, validUntil: T, height: 12, time: T, chainId: 'other-market', base: 'HTTPS://EVIL.EXAMPLE', channel: 0, batch: 1, blockTime: T, error: 'TRUNCATED', day: 20_392, missing: 2 };
const CODE: StallCode = {
  kind: 'stall-code', issuedAt: T, stallNo: 'A01', stallName: '张记蔬菜', registration: { height: 1, index: 0 }, health: { height: 1, index: 0, validUntil: T },
  channels: [{ type: 'url', label: '聚合支付', value: 'https://pay.example/x' }],
  batches: [
    { product: '青菜', origin: '萧山', supplier: '合作社', amount: 1, unit: 'kg', day: 1, test: 'pass' },
    { product: '番茄', origin: '寿光', supplier: '市场', amount: 2, unit: 'jin', day: 1, test: 'fail' },
  ],
};

function expectWhole(text: string) {
  expect(text.trim().length).toBeGreaterThan(3);
  expect(text).not.toMatch(/undefined|NaN|\[object|\?\)|（\?）/);
}

describe('reason texts', () => {
  for (const lang of LANGS) {
    it(`${lang}: every reason code reads as a whole sentence with its numbers`, () => {
      for (const reason of Object.keys(REASONS) as ReasonCode[]) {
        for (const id of Object.keys(CHECKS) as CheckId[]) {
          if (reason !== 'OK' && id !== 'format') continue; // a non-OK reason's text does not depend on the check
          // DETAIL holds every field any reason reads: each text takes the ones its type names.
          expectWhole(checkText({ id, status: reason === 'OK' ? 'pass' : 'fail', reason, detail: DETAIL } as Check, CODE, lang));
        }
      }
    });
    it(`${lang}: titles and statuses exist for everything`, () => {
      for (const id of Object.keys(CHECKS) as CheckId[]) expect(CHECK_TITLE[lang][id].length).toBeGreaterThanOrEqual(2);
      for (const s of ['verified', 'warning', 'invalid', 'unknown-market', 'not-sanma'] as const) {
        expect(STATUS_TEXT[lang][s].length).toBeGreaterThan(1);
        expectWhole(STATUS_ADVICE[lang][s]);
      }
    });
  }

  it('puts the numbers of a check into the sentence', () => {
    const stale = { id: 'revocation' as const, status: 'unknown' as const, reason: 'REVOCATIONS_STALE' as const, detail: { ageSeconds: 7200, limitSeconds: 3600 } };
    expect(checkText(stale, undefined, 'zh-CN')).toContain('2 小时');
    expect(checkText(stale, undefined, 'zh-CN')).toContain('1 小时');
    expect(checkText(stale, undefined, 'en')).toContain('2 hours');
    const expired = { id: 'health' as const, status: 'fail' as const, reason: 'HEALTH_EXPIRED' as const, detail: { validUntil: T } };
    expect(checkText(expired, CODE, 'zh-CN')).toContain('2026年11月1日');
    expect(checkText(expired, CODE, 'en')).toContain('1 Nov 2026');
    const forked = { id: 'ledger' as const, status: 'unknown' as const, reason: 'LEDGER_FORKED' as const, detail: { height: 12 } };
    expect(checkText(forked, CODE, 'zh-CN')).toContain('#12');
    expect(checkText(forked, CODE, 'en')).toContain('#12');
    const policyStale = { id: 'policy-freshness' as const, status: 'unknown' as const, reason: 'POLICY_STALE' as const, detail: { ageSeconds: 7200, limitSeconds: 3600 } };
    expect(checkText(policyStale, undefined, 'en')).toContain('2 hours');
    expect(checkText(policyStale, undefined, 'zh-CN')).toContain('2 小时');
    const produce = { id: 'produce' as const, status: 'unknown' as const, reason: 'PRODUCE_TEST_FAILED' as const, detail: { batch: 1 } };
    expect(checkText(produce, CODE, 'zh-CN')).toContain('番茄');
    expect(checkText(produce, CODE, 'en')).toContain('Batch 2');
  });

  it('explains every check of real verdicts (fresh, stale, offline) in both languages', () => {
    const { net, block, index } = typicalNetwork(4);
    const { text } = net.codeText(block, index);
    const now = net.now();
    const verdicts = [
      verifyStallCode(text, net.trust(), { get: (h) => net.headers.get(h) }, now),
      verifyStallCode(text, net.trust(now - 30 * DAY_MS), { get: () => undefined }, now + 400 * DAY_MS),
      verifyStallCode(text.replace('HTTPS://SANMA.EXAMPLE', 'HTTPS://EVIL.EXAMPLE'), net.trust(), { get: (h) => net.headers.get(h) }, now),
    ];
    expect(verdicts.map((v) => v.status)).toEqual(['verified', 'invalid', 'invalid']);
    for (const v of verdicts) for (const c of v.checks) for (const lang of LANGS) expectWhole(checkText(c, v.code, lang));
  });
});

describe('ledger refusals', () => {
  it('have text in both languages', () => {
    const zh = Object.keys(LEDGER_REASON_TEXT['zh-CN']) as LedgerReason[];
    expect(Object.keys(LEDGER_REASON_TEXT.en).sort()).toEqual([...zh].sort());
    for (const lang of LANGS) for (const r of zh) expectWhole(LEDGER_REASON_TEXT[lang][r]);
  });
});

describe('UI dictionary', () => {
  it('has the same keys and shapes in both languages', () => {
    const zh = MESSAGES['zh-CN'] as unknown as Record<string, unknown>;
    const en = MESSAGES.en as unknown as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const k of Object.keys(zh)) {
      expect(typeof en[k], k).toBe(typeof zh[k]);
      if (typeof zh[k] === 'function') expect((en[k] as () => string).length, k).toBe((zh[k] as () => string).length);
      if (typeof zh[k] === 'string') expect((zh[k] as string).length, k).toBeGreaterThan(0);
      if (Array.isArray(zh[k])) expect((en[k] as unknown[]).length, k).toBe((zh[k] as unknown[]).length);
    }
  });
});
