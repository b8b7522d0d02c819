// Plain-language text for every verification check and reason code (src/core/verify/verdict.ts)
// and every ledger refusal (src/core/ledger/reasons.ts), in zh-CN and English. The tables are
// typed as total records over the closed unions, so a new code without text fails the typecheck.
// The numbers in a check's `detail` (ages, dates, heights) go into the sentence: "expired on
// 2026-11-01" helps a shopper; "expired" alone does not.

import type { Check, CheckId, LedgerReason, ReasonCode, StallCode, VerdictStatus } from '../../core';
import { formatAge, formatAgo, formatDate, formatDateTime, formatDay, type Lang } from '../format';

export interface ReasonContext {
  detail: Record<string, number | string>;
  /** The decoded stall code, when there is one (to name a batch or a channel). */
  code: StallCode | undefined;
  lang: Lang;
}

type Text = (c: ReasonContext) => string;

const num = (c: ReasonContext, key: string): number | undefined => {
  const v = c.detail[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const str = (c: ReasonContext, key: string): string => {
  const v = c.detail[key];
  return v === undefined ? '?' : String(v);
};
const age = (c: ReasonContext, key: string): string => {
  const v = num(c, key);
  return v === undefined ? '?' : formatAge(v, c.lang);
};
const ago = (c: ReasonContext, key: string): string => {
  const v = num(c, key);
  return v === undefined ? '?' : formatAgo(v, c.lang);
};
const dateTime = (c: ReasonContext, key: string): string => {
  const v = num(c, key);
  return v === undefined ? '?' : formatDateTime(v, c.lang);
};
const date = (c: ReasonContext, key: string): string => {
  const v = num(c, key);
  return v === undefined ? '?' : formatDate(v, c.lang);
};
/** A batch date (the market's day number) as a calendar date. */
const day = (c: ReasonContext, key: string): string => {
  const v = num(c, key);
  return v === undefined ? '?' : formatDay(v, c.lang);
};
const ordinal = (c: ReasonContext, key: string): string => {
  const v = num(c, key);
  return v === undefined ? '?' : String(v + 1);
};
const batchName = (c: ReasonContext): string => {
  const i = num(c, 'batch');
  const b = i === undefined ? undefined : c.code?.batches[i];
  return b ? b.product : '';
};
const channelName = (c: ReasonContext): string => {
  const i = num(c, 'channel');
  const ch = i === undefined ? undefined : c.code?.channels[i];
  return ch ? ch.label : '';
};

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
const PASS_TEXT: Record<Lang, Record<CheckId, Text>> = {
  'zh-CN': {
    format: () => '码的格式正确。',
    chain: () => '属于本市场的账本。',
    url: () => '网址是本市场的官方地址。',
    anchor: (c) => `已锚定在区块 #${str(c, 'height')}（${dateTime(c, 'time')}）。`,
    inclusion: () => '码中的记录与多方签名的区块完全一致。',
    ledger: () => '账本没有分叉。',
    health: (c) => `健康证有效，至 ${date(c, 'validUntil')}。`,
    revocation: (c) => `摊位仍由这位摊主经营，登记和码都未被吊销（吊销名单${ago(c, 'ageSeconds')}更新）。`,
    'code-age': (c) => `码${ago(c, 'ageSeconds')}发布。`,
    'produce-date': () => '货品日期在市场规定的时限内。',
    payment: () => '收款方式与市场登记的一致，格式正确。',
    produce: () => '没有快检不合格的批次。',
    'header-freshness': (c) => `区块数据${ago(c, 'ageSeconds')}更新。`,
    'policy-freshness': (c) => `信任策略${ago(c, 'ageSeconds')}更新。`,
    clock: () => '手机时间正常。',
  },
  en: {
    format: () => 'The code is well-formed.',
    chain: () => "It belongs to this market's ledger.",
    url: () => "The link is this market's official address.",
    anchor: (c) => `Anchored in block #${str(c, 'height')} (${dateTime(c, 'time')}).`,
    inclusion: () => 'The record in the code matches the quorum-signed block exactly.',
    ledger: () => 'The ledger has not forked.',
    health: (c) => `Health certificate valid until ${date(c, 'validUntil')}.`,
    revocation: (c) => `The stall is still this vendor's; neither its registration nor the code is revoked (revocation list updated ${ago(c, 'ageSeconds')}).`,
    'code-age': (c) => `Published ${ago(c, 'ageSeconds')}.`,
    'produce-date': () => "The produce dates are within the market's limit.",
    payment: () => 'The payment details are the registered ones and well-formed.',
    produce: () => 'No batch failed its rapid test.',
    'header-freshness': (c) => `Block data updated ${ago(c, 'ageSeconds')}.`,
    'policy-freshness': (c) => `Trust policy updated ${ago(c, 'ageSeconds')}.`,
    clock: () => 'The phone clock is fine.',
  },
};

const REASON_TEXT: Record<Lang, Record<Exclude<ReasonCode, 'OK'>, Text>> = {
  'zh-CN': {
    PAYLOAD_MALFORMED: () => '码的内容已损坏或被改动，无法读取。请不要用它付款。',
    PAYLOAD_UNKNOWN_VERSION: () => '这是新版本的码，本应用还不认识。请更新应用后再扫。',
    CHAIN_UNKNOWN: (c) => `这个码来自本应用不认识的市场（账本 ${str(c, 'chainId')}），无法在这里核验。`,
    URL_BASE_MISMATCH: (c) => `码里的网址（${str(c, 'base')}）不是本市场的官方地址，可能是仿冒码：用手机相机扫会打开那个网站。`,
    BARE_PAYLOAD: () => '码里只有数据、没有网址；内容照常核验。',
    ANCHOR_NOT_CACHED: (c) =>
      num(c, 'height') === undefined
        ? '区块还未下载到本机，暂时无法确认这条记录已上链。'
        : `区块 #${str(c, 'height')} 还未下载到本机，暂时无法确认这个码已上链。联网后再扫一次即可核验。`,
    INCLUSION_MISMATCH: () => '码里的内容与账本上签名的记录不一致：码被改动过。',
    PROOF_SHAPE: () => '码里的上链证明与该区块不符：码被改动过或已损坏。',
    HEALTH_EXPIRED: (c) => `摊主的健康证已于 ${date(c, 'validUntil')} 过期。`,
    HEALTH_REVOKED: () => '摊主的健康证已被卫生部门吊销。',
    CODE_REVOKED: () => '这个码已被吊销（已被新码取代或被撤回）。',
    REGISTRATION_REVOKED: () => '这个摊位的登记已被市场管理处撤销：这个码不再代表这个摊位。请不要付款，并告知市场管理处。',
    STALL_HANDED_OVER: () => '这个摊位已转给新的摊主，这是前一位摊主的旧码。请不要付款，找摊主要新码或告知市场管理处。',
    REVOCATIONS_INCOMPLETE: () => '本机的吊销名单不完整（数据来源少给了记录，或有新的吊销还没同步），无法确认摊位和健康证没有被吊销。请联网再同步一次。',
    LEDGER_FORKED: (c) => `本市场的账本在区块 #${str(c, 'height')} 出现两份不同的签名记录（分叉），暂时无法信任任何核验结果。请告知市场管理处。`,
    PRODUCE_NOT_TODAY: (c) => `货品信息不是今天的：最早一批的日期是 ${day(c, 'day')}。`,
    POLICY_NOT_SYNCED: () => '本机的信任策略还没有更新过。',
    POLICY_STALE: (c) => `信任策略已 ${age(c, 'ageSeconds')} 未更新（市场规定最长 ${age(c, 'limitSeconds')}）。请联网同步。`,
    REVOCATIONS_NOT_SYNCED: () => '本机还没有吊销名单，无法确认健康证和码是否被吊销。联网同步后即可确认。',
    REVOCATIONS_STALE: (c) => `吊销名单已 ${age(c, 'ageSeconds')} 未更新（市场规定最长 ${age(c, 'limitSeconds')}），最近的吊销可能没有包含在内。`,
    CODE_STALE: (c) => `这个码发布于 ${ago(c, 'ageSeconds')}，超过市场规定的 ${age(c, 'limitSeconds')}：货品信息可能已过时。`,
    PAYMENT_MALFORMED: (c) => `第 ${ordinal(c, 'channel')} 个收款方式（${channelName(c)}）格式错误，请不要使用。`,
    PRODUCE_TEST_FAILED: (c) => `第 ${ordinal(c, 'batch')} 批货品（${batchName(c)}）农残快检不合格。`,
    HEADERS_NOT_SYNCED: () => '本机还没有同步过区块数据，无法判断数据是否最新。',
    HEADERS_STALE: (c) => `区块数据已 ${age(c, 'ageSeconds')} 未更新（市场规定最长 ${age(c, 'limitSeconds')}）。请联网同步。`,
    CLOCK_BEHIND: (c) => `手机时间早于区块时间（${dateTime(c, 'blockTime')}），有效期检查可能不准。请校准手机时间。`,
  },
  en: {
    PAYLOAD_MALFORMED: () => 'The code is damaged or has been altered and cannot be read. Do not pay with it.',
    PAYLOAD_UNKNOWN_VERSION: () => 'This code is from a newer version this app does not know yet. Update the app and scan again.',
    CHAIN_UNKNOWN: (c) => `This code is from a market this app does not know (ledger ${str(c, 'chainId')}), so it cannot be verified here.`,
    URL_BASE_MISMATCH: (c) => `The link in the code (${str(c, 'base')}) is not this market's official address. It may be a forgery: a phone camera would open that site.`,
    BARE_PAYLOAD: () => 'The code carries data without a link; its content is verified as usual.',
    ANCHOR_NOT_CACHED: (c) =>
      num(c, 'height') === undefined
        ? 'The block is not on this phone yet, so the record cannot be confirmed on the ledger.'
        : `Block #${str(c, 'height')} is not on this phone yet, so the anchor cannot be verified. Scan again when online.`,
    INCLUSION_MISMATCH: () => 'The content of the code does not match the signed ledger record: the code has been altered.',
    PROOF_SHAPE: () => 'The ledger proof in the code does not fit its block: the code is altered or damaged.',
    HEALTH_EXPIRED: (c) => `The vendor's health certificate expired on ${date(c, 'validUntil')}.`,
    HEALTH_REVOKED: () => "The vendor's health certificate has been revoked by the health authority.",
    CODE_REVOKED: () => 'This code has been revoked (replaced by a newer code or withdrawn).',
    REGISTRATION_REVOKED: () => "The market office has cancelled this stall's registration: this code no longer stands for the stall. Do not pay; tell the market office.",
    STALL_HANDED_OVER: () => "This stall has been handed to a new vendor; this is the previous vendor's old code. Do not pay; ask for the new code or tell the market office.",
    REVOCATIONS_INCOMPLETE: () => 'The revocation list on this phone is incomplete (its source left records out, or new revocations are not synced yet), so revocations cannot be ruled out. Sync again when online.',
    LEDGER_FORKED: (c) => `This market's ledger has two different signed versions at block #${str(c, 'height')} (a fork), so no result can be trusted for now. Tell the market office.`,
    PRODUCE_NOT_TODAY: (c) => `The produce details are not today's: the oldest batch is dated ${day(c, 'day')}.`,
    POLICY_NOT_SYNCED: () => 'The trust policy on this phone has never been updated.',
    POLICY_STALE: (c) => `The trust policy is ${age(c, 'ageSeconds')} old (market limit ${age(c, 'limitSeconds')}). Sync when online.`,
    REVOCATIONS_NOT_SYNCED: () => 'This phone has no revocation list yet, so revocations cannot be ruled out. Sync when online.',
    REVOCATIONS_STALE: (c) => `The revocation list is ${age(c, 'ageSeconds')} old (market limit ${age(c, 'limitSeconds')}); recent revocations may be missing.`,
    CODE_STALE: (c) => `This code was published ${ago(c, 'ageSeconds')}, beyond the market's limit of ${age(c, 'limitSeconds')}: the produce details may be out of date.`,
    PAYMENT_MALFORMED: (c) => `Payment option ${ordinal(c, 'channel')} (${channelName(c)}) is malformed. Do not use it.`,
    PRODUCE_TEST_FAILED: (c) => `Batch ${ordinal(c, 'batch')} (${batchName(c)}) failed its pesticide rapid test.`,
    HEADERS_NOT_SYNCED: () => 'This phone has never synced block data, so it cannot tell whether its data is current.',
    HEADERS_STALE: (c) => `Block data is ${age(c, 'ageSeconds')} old (market limit ${age(c, 'limitSeconds')}). Sync when online.`,
    CLOCK_BEHIND: (c) => `The phone clock is behind the block time (${dateTime(c, 'blockTime')}), so expiry checks may be wrong. Set the phone's clock.`,
  },
};

/** The sentence for one check of a verdict. */
export function checkText(check: Check, code: StallCode | undefined, lang: Lang): string {
  const ctx: ReasonContext = { detail: check.detail ?? {}, code, lang };
  if (check.reason === 'OK') return PASS_TEXT[lang][check.id](ctx);
  return REASON_TEXT[lang][check.reason](ctx);
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
