// The inspector's words. A shopper is told whether to pay; an inspector decides a finding
// (合格 / 不合格) and what the stall must fix, so the same verdict reads differently for them.

import type { ReasonCode, VerdictStatus } from '../../core';
import type { Lang } from '../format';

/** One sentence under the big status word on the inspector's screen. */
export const INSPECTOR_ADVICE: Record<Lang, Record<VerdictStatus, string>> = {
  'zh-CN': {
    verified: '各项均已核验。核对摊位号、摊位名称与现场一致后记为合格。',
    warning: '部分信息无法确认（见下方各项）。按各项说明核查，必要时先同步数据再扫。',
    invalid: '这个码没有通过核验。请记为不合格，记下问题，并要求摊主到市场管理处换码。',
    'unknown-market': '这是其他市场的三码合一码，本机没有该市场的信任数据，无法核验。请记下账本编号，按规定处理。',
    'not-sanma': '这不是三码合一摊位码。如果贴在摊位上，请记为不合格并记下码的内容。',
  },
  en: {
    verified: 'Everything checks out. Confirm the stall number and name match the stall, then record a pass.',
    warning: 'Some things could not be confirmed (see each check below). Follow them up; sync and scan again if the data is old.',
    invalid: 'This code failed verification. Record a fail with the problem, and have the vendor get a new code from the market office.',
    'unknown-market': "This is a Sanma code of another market; this phone holds no trust data for it, so it cannot be checked. Note the ledger id and follow the rules for such codes.",
    'not-sanma': 'This is not a Sanma stall code. If it is posted at a stall, record a fail and note what the code says.',
  },
};

/** A problem in words for the inspection log's CSV, next to its reason code (no detail is stored). */
const PROBLEM_TEXT: Record<Lang, Record<ReasonCode, string>> = {
  'zh-CN': {
    OK: '无',
    PAYLOAD_MALFORMED: '码内容损坏或被改动',
    PAYLOAD_UNKNOWN_VERSION: '码的格式版本本应用不认识',
    CHAIN_UNKNOWN: '不是本应用认识的市场',
    URL_BASE_MISMATCH: '码的网址不是该市场的',
    BARE_PAYLOAD: '码不带网址（只有内容）',
    ANCHOR_NOT_CACHED: '所在区块未同步，无法确认',
    INCLUSION_MISMATCH: '内容与账本记录不一致（被改动或伪造）',
    PROOF_SHAPE: '账本证明格式错误',
    HEALTH_EXPIRED: '健康证已过期',
    HEALTH_REVOKED: '健康证已被吊销',
    CODE_REVOKED: '摊位码已被撤销',
    REVOCATIONS_NOT_SYNCED: '未同步撤销名单',
    REVOCATIONS_STALE: '撤销名单过旧',
    CODE_STALE: '摊位码过旧，需重新发布',
    PAYMENT_MALFORMED: '收款方式格式错误，需重新登记',
    PRODUCE_TEST_FAILED: '有货品快检不合格',
    HEADERS_NOT_SYNCED: '未同步区块',
    HEADERS_STALE: '区块数据过旧',
    CLOCK_BEHIND: '手机时间早于区块时间',
    REGISTRATION_REVOKED: '摊位登记已被撤销',
    STALL_HANDED_OVER: '摊位已转给新摊主，这是旧码',
    REVOCATIONS_INCOMPLETE: '撤销名单不完整，需重新同步',
    LEDGER_FORKED: '账本出现分叉，需上报',
    PRODUCE_NOT_TODAY: '货品信息不是当天的',
    POLICY_NOT_SYNCED: '未同步信任策略',
    POLICY_STALE: '信任策略过旧',
  },
  en: {
    OK: 'none',
    PAYLOAD_MALFORMED: 'code content damaged or altered',
    PAYLOAD_UNKNOWN_VERSION: 'code format version unknown to this app',
    CHAIN_UNKNOWN: 'not a market this app knows',
    URL_BASE_MISMATCH: "code's web address is not the market's",
    BARE_PAYLOAD: 'code has no web address (content only)',
    ANCHOR_NOT_CACHED: 'its block is not synced, cannot confirm',
    INCLUSION_MISMATCH: 'content differs from the ledger (altered or forged)',
    PROOF_SHAPE: 'ledger proof malformed',
    HEALTH_EXPIRED: 'health certificate expired',
    HEALTH_REVOKED: 'health certificate revoked',
    CODE_REVOKED: 'stall code revoked',
    REVOCATIONS_NOT_SYNCED: 'revocations not synced',
    REVOCATIONS_STALE: 'revocations out of date',
    CODE_STALE: 'stall code too old, must be republished',
    PAYMENT_MALFORMED: 'payment channel malformed, must be re-registered',
    PRODUCE_TEST_FAILED: 'a batch failed its rapid test',
    HEADERS_NOT_SYNCED: 'blocks not synced',
    HEADERS_STALE: 'block data out of date',
    CLOCK_BEHIND: "phone's clock is behind the block time",
    REGISTRATION_REVOKED: 'stall registration cancelled',
    STALL_HANDED_OVER: "stall handed over: the previous vendor's code",
    REVOCATIONS_INCOMPLETE: 'revocation list incomplete, sync again',
    LEDGER_FORKED: 'ledger fork: report it',
    PRODUCE_NOT_TODAY: "produce details not today's",
    POLICY_NOT_SYNCED: 'trust policy not synced',
    POLICY_STALE: 'trust policy out of date',
  },
};

/** Stored reasons are strings (an older app may have stored a code this one no longer has). */
export function problemText(reason: string, lang: Lang): string {
  const table: Record<string, string> = PROBLEM_TEXT[lang];
  return Object.hasOwn(table, reason) ? table[reason]! : reason;
}
