// The trust policy (docs/FORMAT.md §5): chain id, genesis hash, validator keys and threshold,
// issuer keys with their permissions, the code URL base and freshness limits. Served by the
// app's origin and precached; a changed policy must carry a quorum of the current validators'
// signatures over its body (purpose 'policy').

import { Reader, Writer } from '../bytes';
import { fail } from '../errors';
import { LIMITS } from './limits';
import type { Bytes, HeaderSignature, SignedPolicy, TrustPolicy } from './types';

// Version 2 adds the produce and policy age limits and the market's time zone.
const POLICY_VERSION = 2;
/** UTC offsets in use run from −12:00 to +14:00. */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;
const CHAIN_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
// Only characters of QR alphanumeric mode, so the whole QR text except '#' stays in that mode.
const CODE_BASE_URL = /^HTTPS?:\/\/[A-Z0-9.-]+(:[0-9]{1,5})?(\/[A-Z0-9.-]+)*$/;
const ALL_PERMISSIONS = 0b11;

export function checkChainId(chainId: string): void {
  if (!CHAIN_ID.test(chainId)) fail('BAD_VALUE', `chainId: expected 1-32 of [a-z0-9-], got ${JSON.stringify(chainId.slice(0, 40))}`);
}

export function checkCodeBaseUrl(url: string): void {
  if (url.length > LIMITS.codeBaseUrlBytes || !CODE_BASE_URL.test(url)) {
    fail('BAD_VALUE', `codeBaseUrl: expected upper-case HTTP(S)://HOST[:PORT][/PATH] without trailing slash, got ${JSON.stringify(url.slice(0, 100))}`);
  }
}

function checkPolicy(p: TrustPolicy): void {
  checkChainId(p.chainId);
  checkCodeBaseUrl(p.codeBaseUrl);
  const n = p.validators.length;
  if (n < 1 || n > LIMITS.validators) fail('LIMIT_EXCEEDED', `validators: expected 1 <= count <= ${LIMITS.validators}, got ${n}`);
  // A threshold of half or less lets two disjoint quorums sign a fork without any validator
  // misbehaving twice; require a strict majority.
  if (!Number.isInteger(p.threshold) || p.threshold * 2 <= n || p.threshold > n) {
    fail('BAD_VALUE', `threshold: expected ${Math.floor(n / 2) + 1} <= k <= ${n}, got ${p.threshold}`);
  }
  const seen = new Set<string>();
  for (const k of [...p.validators, ...p.issuers]) {
    const id = k.publicKey.join(',');
    if (seen.has(id)) fail('BAD_VALUE', `key ${k.name}: listed twice`);
    seen.add(id);
  }
  for (const i of p.issuers) {
    if (i.permissions === 0 || (i.permissions & ~ALL_PERMISSIONS) !== 0) fail('BAD_VALUE', `issuer ${i.name}: permissions ${i.permissions}`);
  }
  for (const s of [p.maxHeaderAgeSeconds, p.maxRevocationAgeSeconds, p.maxCodeAgeSeconds, p.maxProduceAgeSeconds, p.maxPolicyAgeSeconds]) {
    if (!Number.isSafeInteger(s) || s <= 0) fail('BAD_VALUE', `freshness limits must be positive seconds`);
  }
  if (!Number.isInteger(p.utcOffsetMinutes) || p.utcOffsetMinutes < MIN_OFFSET_MINUTES || p.utcOffsetMinutes > MAX_OFFSET_MINUTES) {
    fail('BAD_VALUE', `utcOffsetMinutes: expected ${MIN_OFFSET_MINUTES} <= m <= ${MAX_OFFSET_MINUTES}, got ${p.utcOffsetMinutes}`);
  }
}

export function encodePolicy(p: TrustPolicy): Bytes {
  checkPolicy(p);
  const w = new Writer().u8(POLICY_VERSION).varint(p.sequence);
  w.text('chainId', p.chainId, LIMITS.chainIdBytes).fixed('genesisHash', p.genesisHash, 32);
  w.count('validators', p.validators.length, 1, LIMITS.validators);
  for (const v of p.validators) w.fixed('validator.publicKey', v.publicKey, 32).text('validator.name', v.name, LIMITS.keyNameBytes);
  w.varint(p.threshold);
  w.count('issuers', p.issuers.length, 0, LIMITS.issuers);
  for (const i of p.issuers) {
    w.fixed('issuer.publicKey', i.publicKey, 32).text('issuer.name', i.name, LIMITS.keyNameBytes).u8(i.permissions);
  }
  w.text('codeBaseUrl', p.codeBaseUrl, LIMITS.codeBaseUrlBytes);
  w.varint(p.maxHeaderAgeSeconds).varint(p.maxRevocationAgeSeconds).varint(p.maxCodeAgeSeconds);
  w.varint(p.maxProduceAgeSeconds).varint(p.maxPolicyAgeSeconds);
  w.varint(p.utcOffsetMinutes - MIN_OFFSET_MINUTES);
  return w.finish();
}

export function decodePolicy(bytes: Bytes): TrustPolicy {
  const r = new Reader(bytes);
  const version = r.u8('policy.version');
  if (version !== POLICY_VERSION) fail('BAD_VERSION', `policy version ${version} is not known`);
  const sequence = r.varint('sequence');
  const chainId = r.text('chainId', LIMITS.chainIdBytes);
  const genesisHash = r.fixed('genesisHash', 32);
  const nv = r.count('validators', 1, LIMITS.validators);
  const validators = [];
  for (let i = 0; i < nv; i++) validators.push({ publicKey: r.fixed('validator.publicKey', 32), name: r.text('validator.name', LIMITS.keyNameBytes) });
  const threshold = r.varint('threshold', LIMITS.validators);
  const ni = r.count('issuers', 0, LIMITS.issuers);
  const issuers = [];
  for (let i = 0; i < ni; i++) {
    issuers.push({ publicKey: r.fixed('issuer.publicKey', 32), name: r.text('issuer.name', LIMITS.keyNameBytes), permissions: r.u8('issuer.permissions') });
  }
  const codeBaseUrl = r.text('codeBaseUrl', LIMITS.codeBaseUrlBytes);
  const maxHeaderAgeSeconds = r.varint('maxHeaderAgeSeconds');
  const maxRevocationAgeSeconds = r.varint('maxRevocationAgeSeconds');
  const maxCodeAgeSeconds = r.varint('maxCodeAgeSeconds');
  const maxProduceAgeSeconds = r.varint('maxProduceAgeSeconds');
  const maxPolicyAgeSeconds = r.varint('maxPolicyAgeSeconds');
  const utcOffsetMinutes = r.varint('utcOffsetMinutes', MAX_OFFSET_MINUTES - MIN_OFFSET_MINUTES) + MIN_OFFSET_MINUTES;
  r.end('policy');
  const p: TrustPolicy = {
    sequence,
    chainId,
    genesisHash,
    validators,
    threshold,
    issuers,
    codeBaseUrl,
    maxHeaderAgeSeconds,
    maxRevocationAgeSeconds,
    maxCodeAgeSeconds,
    maxProduceAgeSeconds,
    maxPolicyAgeSeconds,
    utcOffsetMinutes,
  };
  checkPolicy(p);
  return p;
}

export function encodeSignatures(w: Writer, sigs: readonly HeaderSignature[]): void {
  w.count('signatures', sigs.length, 0, LIMITS.headerSignatures);
  for (const s of sigs) w.fixed('signature.publicKey', s.publicKey, 32).fixed('signature', s.signature, 64);
}

export function decodeSignatures(r: Reader): HeaderSignature[] {
  const n = r.count('signatures', 0, LIMITS.headerSignatures);
  const out: HeaderSignature[] = [];
  for (let i = 0; i < n; i++) out.push({ publicKey: r.fixed('signature.publicKey', 32), signature: r.fixed('signature', 64) });
  return out;
}

/** Signed policy: varint body length ‖ policy body ‖ signatures. */
export function encodeSignedPolicy(s: SignedPolicy): Bytes {
  const w = new Writer().bytes('policy', s.body, LIMITS.policyBytes);
  encodeSignatures(w, s.signatures);
  return w.finish();
}

export function decodeSignedPolicy(bytes: Bytes): SignedPolicy {
  const r = new Reader(bytes);
  const body = r.bytes('policy', LIMITS.policyBytes);
  const signatures = decodeSignatures(r);
  r.end('signed policy');
  decodePolicy(body);
  return { body, signatures };
}
