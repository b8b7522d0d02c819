// Plain-language text for every verification check and reason code (src/core/verify/verdict.ts)
// and every ledger refusal (src/core/ledger/reasons.ts), in zh-CN and English. The tables are
// typed as total records over the closed unions, so a new code without text fails the typecheck.
// The numbers in a check's `detail` (ages, dates, heights) go into the sentence: "expired on
// 2026-11-01" helps a shopper; "expired" alone does not. Each text takes its reason's (or its
// check's) detail type from the core, so a renamed or missing field fails the typecheck.

import type { Check, CheckId, LedgerReason, PassDetail, ProblemReason, ReasonDetail, StallCode, VerdictStatus } from '../../core';
import { formatAge, formatAgo, formatDate, formatDateTime, formatDay, type Lang } from '../format';

interface Ctx {
  /** The decoded stall code, when there is one (to name a batch or a channel). */
  code: StallCode | undefined;
  lang: Lang;
}

type PassTexts = { [I in CheckId]: (d: PassDetail[I], c: Ctx) => string };
type ReasonTexts = { [R in ProblemReason]: (d: ReasonDetail[R], c: Ctx) => string };

const age = (v: number, c: Ctx): string => formatAge(v, c.lang);
const ago = (v: number, c: Ctx): string => formatAgo(v, c.lang);
const dateTime = (v: number, c: Ctx): string => formatDateTime(v, c.lang);
const date = (v: number, c: Ctx): string => formatDate(v, c.lang);
/** A batch date (the market's day number) as a calendar date. */
const day = (v: number, c: Ctx): string => formatDay(v, c.lang);
const batchName = (i: number, c: Ctx): string => c.code?.batches[i]?.product ?? '';
const channelName = (i: number, c: Ctx): string => c.code?.channels[i]?.label ?? '';

export const STATUS_TEXT: Record<Lang, Record<VerdictStatus, string>> = {
  'zh-CN': { verified: '已验证', warning: '请注意', invalid: '无效', 'unknown-market': '其他市场的码', 'not-sanma': '非三码合一码' },
  en: { verified: 'Verified', warning: 'Caution', invalid: 'Invalid', 'unknown-market': "Another market's code", 'not-sanma': 'Not a Sanma stall code' },
};

/** One sentence under the big status word: what the shopper should do. */
export const STATUS_ADVICE: Record<Lang, Record<VerdictStatus, string>> = {
  'zh-CN': {
    verified: '摊位、收款方式、健康证和货品信息均已核验。请核对摊位号与实际摊位一致。',
    warning: '部分信息暂时无法确认，请看下方说明后再付款。',
    invalid: '这个码没有通过核验。请不要用它付款，并告知市场管理处。',
    'unknown-market': '这是三码合一摊位码，但来自本应用不认识的市场，无法核验，不代表是假码。',
    'not-sanma': '这不是三码合一摊位码，无法核验摊位信息。',
  },
  en: {
    verified: 'Stall, payment, health certificate and produce are verified. Check the stall number matches the stall in front of you.',
    warning: 'Some things could not be confirmed. Read the notes below before you pay.',
    invalid: 'This code failed verification. Do not pay with it; tell the market office.',
    'unknown-market': 'This is a Sanma stall code from a market this app does not know, so it cannot be verified here. That does not mean it is fake.',
    'not-sanma': 'This is not a Sanma stall code, so the stall cannot be verified.',
  },
};

export const CHECK_TITLE: Record<Lang, Record<CheckId, string>> = {
  'zh-CN': {
    format: '码的格式',
    chain: '所属账本',
    url: '网址',
    anchor: '区块锚定',
    inclusion: '上链证明',
    ledger: '账本一致性',
    health: '健康证',
    revocation: '摊位登记与吊销',
    'code-age': '码的时效',
    'produce-date': '货品日期',
    payment: '收款方式',
    produce: '货品快检',
    'header-freshness': '区块数据更新',
    'policy-freshness': '信任策略更新',
    clock: '手机时间',
  },
  en: {
    format: 'Code format',
    chain: 'Ledger',
    url: 'Link address',
    anchor: 'Block anchor',
    inclusion: 'Ledger proof',
    ledger: 'Ledger consistency',
    health: 'Health certificate',
    revocation: 'Registration and revocations',
    'code-age': 'Code age',
    'produce-date': 'Produce dates',
    payment: 'Payment details',
    produce: 'Produce tests',
    'header-freshness': 'Block data age',
    'policy-freshness': 'Trust policy age',
    clock: 'Phone clock',
  },
};

/** What a passed check means (reason OK), per check. */
const PASS_TEXT: Record<Lang, PassTexts> = {
  'zh-CN': {
    format: () => '码的格式正确。',
    chain: () => '属于本市场的账本。',
    url: () => '网址是本市场的官方地址。',
    anchor: (d, c) => `已锚定在区块 #${d.height}（${dateTime(d.time, c)}）。`,
    inclusion: () => '码中的记录与多方签名的区块完全一致。',
    ledger: () => '账本没有分叉。',
    health: (d, c) => `健康证有效，至 ${date(d.validUntil, c)}。`,
    revocation: (d, c) => `摊位仍由这位摊主经营，登记和码都未被吊销（吊销名单${ago(d.ageSeconds, c)}更新）。`,
    'code-age': (d, c) => `码${ago(d.ageSeconds, c)}发布。`,
    'produce-date': () => '货品日期在市场规定的时限内。',
    payment: () => '收款方式与市场登记的一致，格式正确。',
    produce: () => '没有快检不合格的批次。',
    'header-freshness': (d, c) => `区块数据${ago(d.ageSeconds, c)}更新。`,
    'policy-freshness': (d, c) => `信任策略${ago(d.ageSeconds, c)}更新。`,
    clock: () => '手机时间正常。',
  },
  en: {
    format: () => 'The code is well-formed.',
    chain: () => "It belongs to this market's ledger.",
    url: () => "The link is this market's official address.",
    anchor: (d, c) => `Anchored in block #${d.height} (${dateTime(d.time, c)}).`,
    inclusion: () => 'The record in the code matches the quorum-signed block exactly.',
    ledger: () => 'The ledger has not forked.',
    health: (d, c) => `Health certificate valid until ${date(d.validUntil, c)}.`,
    revocation: (d, c) => `The stall is still this vendor's; neither its registration nor the code is revoked (revocation list updated ${ago(d.ageSeconds, c)}).`,
    'code-age': (d, c) => `Published ${ago(d.ageSeconds, c)}.`,
    'produce-date': () => "The produce dates are within the market's limit.",
    payment: () => 'The payment details are the registered ones and well-formed.',
    produce: () => 'No batch failed its rapid test.',
    'header-freshness': (d, c) => `Block data updated ${ago(d.ageSeconds, c)}.`,
    'policy-freshness': (d, c) => `Trust policy updated ${ago(d.ageSeconds, c)}.`,
    clock: () => 'The phone clock is fine.',
  },
};

const REASON_TEXT: Record<Lang, ReasonTexts> = {
  'zh-CN': {
    PAYLOAD_MALFORMED: () => '码的内容已损坏或被改动，无法读取。请不要用它付款。',
    PAYLOAD_UNKNOWN_VERSION: () => '这是新版本的码，本应用还不认识。请更新应用后再扫。',
    CHAIN_UNKNOWN: (d) => `这个码来自本应用不认识的市场（账本 ${d.chainId}），无法在这里核验。`,
    URL_BASE_MISMATCH: (d) => `码里的网址（${d.base}）不是本市场的官方地址，可能是仿冒码：用手机相机扫会打开那个网站。`,
    BARE_PAYLOAD: () => '码里只有数据、没有网址；内容照常核验。',
    ANCHOR_NOT_CACHED: (d) => `区块 #${d.height} 还未下载到本机，暂时无法确认这个码已上链。联网后再扫一次即可核验。`,
    INCLUSION_MISMATCH: () => '码里的内容与账本上签名的记录不一致：码被改动过。',
    PROOF_SHAPE: () => '码里的上链证明与该区块不符：码被改动过或已损坏。',
    HEALTH_EXPIRED: (d, c) => `摊主的健康证已于 ${date(d.validUntil, c)} 过期。`,
    HEALTH_REVOKED: () => '摊主的健康证已被卫生部门吊销。',
    CODE_REVOKED: () => '这个码已被吊销（已被新码取代或被撤回）。',
    REGISTRATION_REVOKED: () => '这个摊位的登记已被市场管理处撤销：这个码不再代表这个摊位。请不要付款，并告知市场管理处。',
    STALL_HANDED_OVER: () => '这个摊位已转给新的摊主，这是前一位摊主的旧码。请不要付款，找摊主要新码或告知市场管理处。',
    REVOCATIONS_INCOMPLETE: () => '本机的吊销名单不完整（数据来源少给了记录，或有新的吊销还没同步），无法确认摊位和健康证没有被吊销。请联网再同步一次。',
    LEDGER_FORKED: (d) => `本市场的账本在区块 #${d.height} 出现两份不同的签名记录（分叉），暂时无法信任任何核验结果。请告知市场管理处。`,
    PRODUCE_NOT_TODAY: (d, c) => `货品信息不是今天的：最早一批的日期是 ${day(d.day, c)}。`,
    POLICY_NOT_SYNCED: () => '本机的信任策略还没有更新过。',
    POLICY_STALE: (d, c) => `信任策略已 ${age(d.ageSeconds, c)} 未更新（市场规定最长 ${age(d.limitSeconds, c)}）。请联网同步。`,
    REVOCATIONS_NOT_SYNCED: () => '本机还没有吊销名单，无法确认健康证和码是否被吊销。联网同步后即可确认。',
    REVOCATIONS_STALE: (d, c) => `吊销名单已 ${age(d.ageSeconds, c)} 未更新（市场规定最长 ${age(d.limitSeconds, c)}），最近的吊销可能没有包含在内。`,
    CODE_STALE: (d, c) => `这个码发布于 ${ago(d.ageSeconds, c)}，超过市场规定的 ${age(d.limitSeconds, c)}：货品信息可能已过时。`,
    PAYMENT_MALFORMED: (d, c) => `第 ${d.channel + 1} 个收款方式（${channelName(d.channel, c)}）格式错误，请不要使用。`,
    PRODUCE_TEST_FAILED: (d, c) => `第 ${d.batch + 1} 批货品（${batchName(d.batch, c)}）农残快检不合格。`,
    HEADERS_NOT_SYNCED: () => '本机还没有同步过区块数据，无法判断数据是否最新。',
    HEADERS_STALE: (d, c) => `区块数据已 ${age(d.ageSeconds, c)} 未更新（市场规定最长 ${age(d.limitSeconds, c)}）。请联网同步。`,
    CLOCK_BEHIND: (d, c) => `手机时间早于区块时间（${dateTime(d.blockTime, c)}），有效期检查可能不准。请校准手机时间。`,
  },
  en: {
    PAYLOAD_MALFORMED: () => 'The code is damaged or has been altered and cannot be read. Do not pay with it.',
    PAYLOAD_UNKNOWN_VERSION: () => 'This code is from a newer version this app does not know yet. Update the app and scan again.',
    CHAIN_UNKNOWN: (d) => `This code is from a market this app does not know (ledger ${d.chainId}), so it cannot be verified here.`,
    URL_BASE_MISMATCH: (d) => `The link in the code (${d.base}) is not this market's official address. It may be a forgery: a phone camera would open that site.`,
    BARE_PAYLOAD: () => 'The code carries data without a link; its content is verified as usual.',
    ANCHOR_NOT_CACHED: (d) => `Block #${d.height} is not on this phone yet, so the anchor cannot be verified. Scan again when online.`,
    INCLUSION_MISMATCH: () => 'The content of the code does not match the signed ledger record: the code has been altered.',
    PROOF_SHAPE: () => 'The ledger proof in the code does not fit its block: the code is altered or damaged.',
    HEALTH_EXPIRED: (d, c) => `The vendor's health certificate expired on ${date(d.validUntil, c)}.`,
    HEALTH_REVOKED: () => "The vendor's health certificate has been revoked by the health authority.",
    CODE_REVOKED: () => 'This code has been revoked (replaced by a newer code or withdrawn).',
    REGISTRATION_REVOKED: () => "The market office has cancelled this stall's registration: this code no longer stands for the stall. Do not pay; tell the market office.",
    STALL_HANDED_OVER: () => "This stall has been handed to a new vendor; this is the previous vendor's old code. Do not pay; ask for the new code or tell the market office.",
    REVOCATIONS_INCOMPLETE: () => 'The revocation list on this phone is incomplete (its source left records out, or new revocations are not synced yet), so revocations cannot be ruled out. Sync again when online.',
    LEDGER_FORKED: (d) => `This market's ledger has two different signed versions at block #${d.height} (a fork), so no result can be trusted for now. Tell the market office.`,
    PRODUCE_NOT_TODAY: (d, c) => `The produce details are not today's: the oldest batch is dated ${day(d.day, c)}.`,
    POLICY_NOT_SYNCED: () => 'The trust policy on this phone has never been updated.',
    POLICY_STALE: (d, c) => `The trust policy is ${age(d.ageSeconds, c)} old (market limit ${age(d.limitSeconds, c)}). Sync when online.`,
    REVOCATIONS_NOT_SYNCED: () => 'This phone has no revocation list yet, so revocations cannot be ruled out. Sync when online.',
    REVOCATIONS_STALE: (d, c) => `The revocation list is ${age(d.ageSeconds, c)} old (market limit ${age(d.limitSeconds, c)}); recent revocations may be missing.`,
    CODE_STALE: (d, c) => `This code was published ${ago(d.ageSeconds, c)}, beyond the market's limit of ${age(d.limitSeconds, c)}: the produce details may be out of date.`,
    PAYMENT_MALFORMED: (d, c) => `Payment option ${d.channel + 1} (${channelName(d.channel, c)}) is malformed. Do not use it.`,
    PRODUCE_TEST_FAILED: (d, c) => `Batch ${d.batch + 1} (${batchName(d.batch, c)}) failed its pesticide rapid test.`,
    HEADERS_NOT_SYNCED: () => 'This phone has never synced block data, so it cannot tell whether its data is current.',
    HEADERS_STALE: (d, c) => `Block data is ${age(d.ageSeconds, c)} old (market limit ${age(d.limitSeconds, c)}). Sync when online.`,
    CLOCK_BEHIND: (d, c) => `The phone clock is behind the block time (${dateTime(d.blockTime, c)}), so expiry checks may be wrong. Set the phone's clock.`,
  },
};

/** The sentence for one check of a verdict. */
export function checkText(check: Check, code: StallCode | undefined, lang: Lang): string {
  const ctx: Ctx = { code, lang };
  // TypeScript cannot relate a union member to its table entry; the tables are typed per key, and
  // Check carries exactly that key's detail (src/core/verify/verdict.ts), so the call is sound.
  type AnyText = (d: unknown, c: Ctx) => string;
  if (check.reason === 'OK') return (PASS_TEXT[lang][check.id] as AnyText)(check.detail ?? {}, ctx);
  return (REASON_TEXT[lang][check.reason] as AnyText)(check.detail ?? {}, ctx);
}

/** Why the ledger refused a record (HTTP 422), for the vendor's publish screen. */
export const LEDGER_REASON_TEXT: Record<Lang, Record<LedgerReason, string>> = {
  'zh-CN': {
    QUORUM_NOT_MET: '签名的验证方不足法定数量。',
    QUORUM_BAD_SIGNATURE: '某个验证方的签名无效。',
    HEADER_MALFORMED: '区块头格式错误。',
    HEADER_WRONG_CHAIN: '区块头属于另一个账本。',
    HEADER_BROKEN_LINK: '区块与前一个区块衔接不上。',
    HEADER_NOT_CONSECUTIVE: '区块高度不连续。',
    HEADER_TIME_REGRESSION: '区块时间倒退。',
    FORK_DETECTED: '发现账本分叉：同一高度有两个不同的签名区块。',
    POLICY_MALFORMED: '信任策略格式错误。',
    POLICY_WRONG_CHAIN: '信任策略属于另一个账本。',
    POLICY_NOT_NEWER: '信任策略不是更新的版本。',
    RECORD_MALFORMED: '记录格式错误。',
    RECORD_DUPLICATE: '这条记录已经提交过了。',
    RECORD_BAD_SIGNATURE: '记录的签名无效：本机密钥与登记的不一致？',
    ISSUER_UNKNOWN: '签发方不在信任策略中。',
    ISSUER_NOT_AUTHORISED: '签发方无权签发这类记录。',
    STALL_NOT_REGISTERED: '这个摊位还没有用本机密钥登记。请把登记申请交给市场管理处。',
    STALL_NAME_MISMATCH: '摊位名称与登记的不一致。',
    PAYMENT_NOT_REGISTERED: '收款方式与市场登记的不一致。请到市场管理处更新登记。',
    PAYMENT_MALFORMED: '收款方式格式错误。',
    HEALTH_NOT_FOUND: '账本上找不到这张健康证。',
    HEALTH_WRONG_VENDOR: '这张健康证不属于本摊主。',
    HEALTH_NOT_YET_VALID: '健康证还未生效。',
    HEALTH_EXPIRED: '健康证已过期，请先到卫生部门续证。',
    HEALTH_REVOKED: '健康证已被吊销。',
    HEALTH_EXPIRY_MISMATCH: '健康证有效期与账本上的不一致。',
    REVOCATION_TARGET_NOT_FOUND: '要吊销的记录不存在。',
    REVOCATION_TARGET_MISMATCH: '要吊销的记录与编号不符。',
    REVOCATION_NOT_ISSUER: '只有签发方才能吊销自己的记录。',
    REVOCATION_DUPLICATE: '这条记录已经被吊销过了。',
    RECORD_TIME_IN_FUTURE: '记录时间晚于区块时间：请校准手机时间。',
    STALL_REGISTRATION_REVOKED: '摊位登记已被吊销。',
    STALL_REGISTRATION_NOT_CURRENT: '这个摊位已转给别的摊主，本机的登记不再有效。',
    STALL_ALREADY_REGISTERED: '这个摊位已经登记过了；转给新摊主时要注明转让。',
    SUPERSEDES_NOT_CURRENT: '转让注明的不是这个摊位当前的登记。',
  },
  en: {
    QUORUM_NOT_MET: 'Fewer validators signed than the quorum requires.',
    QUORUM_BAD_SIGNATURE: "A validator's signature is invalid.",
    HEADER_MALFORMED: 'A block header is malformed.',
    HEADER_WRONG_CHAIN: 'A block header belongs to another ledger.',
    HEADER_BROKEN_LINK: 'A block does not link to the previous one.',
    HEADER_NOT_CONSECUTIVE: 'Block heights are not consecutive.',
    HEADER_TIME_REGRESSION: 'Block time went backwards.',
    FORK_DETECTED: 'Ledger fork: two different signed blocks at one height.',
    POLICY_MALFORMED: 'The trust policy is malformed.',
    POLICY_WRONG_CHAIN: 'The trust policy belongs to another ledger.',
    POLICY_NOT_NEWER: 'The trust policy is not newer.',
    RECORD_MALFORMED: 'The record is malformed.',
    RECORD_DUPLICATE: 'This record was already submitted.',
    RECORD_BAD_SIGNATURE: "The record's signature is invalid: is this the registered key?",
    ISSUER_UNKNOWN: 'The issuer is not in the trust policy.',
    ISSUER_NOT_AUTHORISED: 'The issuer may not issue this kind of record.',
    STALL_NOT_REGISTERED: 'This stall is not registered with this key yet. Take the enrolment request to the market office.',
    STALL_NAME_MISMATCH: 'The stall name differs from the registration.',
    PAYMENT_NOT_REGISTERED: 'The payment details differ from the registration. Ask the market office to update it.',
    PAYMENT_MALFORMED: 'A payment channel is malformed.',
    HEALTH_NOT_FOUND: 'The health certificate is not on the ledger.',
    HEALTH_WRONG_VENDOR: 'The health certificate belongs to another vendor.',
    HEALTH_NOT_YET_VALID: 'The health certificate is not valid yet.',
    HEALTH_EXPIRED: 'The health certificate has expired; renew it with the health authority first.',
    HEALTH_REVOKED: 'The health certificate has been revoked.',
    HEALTH_EXPIRY_MISMATCH: "The certificate's expiry differs from the ledger's.",
    REVOCATION_TARGET_NOT_FOUND: 'The record to revoke does not exist.',
    REVOCATION_TARGET_MISMATCH: 'The record to revoke does not match its id.',
    REVOCATION_NOT_ISSUER: 'Only the issuer of a record may revoke it.',
    REVOCATION_DUPLICATE: 'This record is already revoked.',
    RECORD_TIME_IN_FUTURE: "The record's time is after the block time: set the phone's clock.",
    STALL_REGISTRATION_REVOKED: 'The stall registration has been revoked.',
    STALL_REGISTRATION_NOT_CURRENT: 'The stall has been handed to another vendor; this registration is no longer valid.',
    STALL_ALREADY_REGISTERED: 'The stall is registered already; a handover must say so.',
    SUPERSEDES_NOT_CURRENT: "The handover does not name the stall's current registration.",
  },
};
