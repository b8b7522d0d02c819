// The rules every validator applies to every record before it signs a header (docs/DESIGN.md §3).
// `validateRecord` is pure over a LedgerState lookup; validators replay a proposed block by
// validating each record against an overlay of their state plus the block's earlier records.

import { equalBytes } from '../bytes';
import { verifyFor, type SigningPurpose } from '../crypto';
import { checkChannel } from '../payment';
import { CoreError } from '../errors';
import { leafHash } from '../merkle';
import { decodeRecord } from '../codec/records';
import { PERMISSION } from '../codec/types';
import type { Bytes, LedgerRecord, PaymentChannel, RecordKind, RecordRef, SignedRecord, StallRegistration, TrustPolicy } from '../codec/types';
import type { LedgerReason } from './reasons';

/** A record's issuedAt may run ahead of the block time by this much (clock skew). */
export const ISSUED_AT_TOLERANCE_MS = 5 * 60 * 1000;

export interface StoredRecord {
  ref: RecordRef;
  id: Bytes;
  record: LedgerRecord;
  /** The key whose signature the validators checked. */
  signer: Bytes;
}

export interface LedgerState {
  /** The newest registration of a stall number. */
  stall(stallNo: string): StoredRecord | undefined;
  record(ref: RecordRef): StoredRecord | undefined;
  isRevoked(ref: RecordRef): boolean;
  has(id: Bytes): boolean;
}

export interface BlockContext {
  policy: TrustPolicy;
  height: number;
  /** Block time, ms. */
  time: number;
}

export type RuleResult = { ok: true; stored: StoredRecord } | { ok: false; reason: LedgerReason };

const PURPOSE: Record<RecordKind, SigningPurpose> = {
  'stall-registration': 'record/stall-registration',
  'health-credential': 'record/health-credential',
  revocation: 'record/revocation',
  'stall-code': 'record/stall-code',
};

export function recordPurpose(kind: RecordKind): SigningPurpose {
  return PURPOSE[kind];
}

export function recordId(body: Bytes): Bytes {
  return leafHash(body);
}

function issuerAllowed(policy: TrustPolicy, key: Bytes, permission: number): LedgerReason | null {
  const issuer = policy.issuers.find((i) => equalBytes(i.publicKey, key));
  if (!issuer) return 'ISSUER_UNKNOWN';
  if ((issuer.permissions & permission) === 0) return 'ISSUER_NOT_AUTHORISED';
  return null;
}

export function paymentChannelOk(c: PaymentChannel): boolean {
  return checkChannel(c).ok;
}

function sameChannel(a: PaymentChannel, b: PaymentChannel): boolean {
  return a.type === b.type && a.label === b.label && a.value === b.value;
}

export function validateRecord(state: LedgerState, signed: SignedRecord, ref: RecordRef, ctx: BlockContext): RuleResult {
  let record: LedgerRecord;
  try {
    record = decodeRecord(signed.body);
  } catch (e) {
    if (e instanceof CoreError) return { ok: false, reason: 'RECORD_MALFORMED' };
    throw e;
  }
  if (signed.signature.length !== 64) return { ok: false, reason: 'RECORD_BAD_SIGNATURE' };
  const id = recordId(signed.body);
  if (state.has(id)) return { ok: false, reason: 'RECORD_DUPLICATE' };
  if (record.issuedAt > ctx.time + ISSUED_AT_TOLERANCE_MS) return { ok: false, reason: 'RECORD_TIME_IN_FUTURE' };

  let signer: Bytes;
  let refused: LedgerReason | null = null;
  switch (record.kind) {
    case 'stall-registration': {
      signer = record.issuer;
      refused = issuerAllowed(ctx.policy, signer, PERMISSION.stallRegistration);
      if (!refused && !record.channels.every(paymentChannelOk)) refused = 'PAYMENT_MALFORMED';
      // A handover must say which registration it replaces, so the replacement reaches every
      // verifier as a status event (src/core/ledger/revocation-chain.ts).
      const current = state.stall(record.stallNo);
      if (!refused && current && !record.supersedes) refused = 'STALL_ALREADY_REGISTERED';
      if (!refused && record.supersedes && (!current || !sameRef(current.ref, record.supersedes))) refused = 'SUPERSEDES_NOT_CURRENT';
      break;
    }
    case 'health-credential':
      signer = record.issuer;
      refused = issuerAllowed(ctx.policy, signer, PERMISSION.healthCredential);
      break;
    case 'revocation': {
      signer = record.issuer;
      const target = state.record(record.target);
      if (!target || target.record.kind === 'revocation') refused = 'REVOCATION_TARGET_NOT_FOUND';
      else if (!equalBytes(target.id, record.targetId)) refused = 'REVOCATION_TARGET_MISMATCH';
      else if (!equalBytes(target.signer, signer)) refused = 'REVOCATION_NOT_ISSUER';
      else if (state.isRevoked(record.target)) refused = 'REVOCATION_DUPLICATE';
      break;
    }
    case 'stall-code': {
      const reg = state.stall(record.stallNo);
      if (!reg || reg.record.kind !== 'stall-registration') return { ok: false, reason: 'STALL_NOT_REGISTERED' };
      const registration: StallRegistration = reg.record;
      signer = registration.vendorKey;
      if (!sameRef(reg.ref, record.registration)) refused = 'STALL_REGISTRATION_NOT_CURRENT';
      else if (state.isRevoked(reg.ref)) refused = 'STALL_REGISTRATION_REVOKED';
      else if (record.stallName !== registration.stallName) refused = 'STALL_NAME_MISMATCH';
      else refused = checkChannels(record.channels, registration.channels) ?? checkHealth(state, record.health, registration.vendorKey, ctx.time);
      break;
    }
  }
  if (refused) return { ok: false, reason: refused };
  if (!verifyFor(PURPOSE[record.kind], signer, signed.body, signed.signature)) return { ok: false, reason: 'RECORD_BAD_SIGNATURE' };
  return { ok: true, stored: { ref, id, record, signer } };
}

function checkChannels(shown: readonly PaymentChannel[], registered: readonly PaymentChannel[]): LedgerReason | null {
  for (let i = 0; i < shown.length; i++) {
    const c = shown[i]!;
    if (!registered.some((r) => sameChannel(r, c))) return 'PAYMENT_NOT_REGISTERED';
    if (shown.slice(0, i).some((p) => sameChannel(p, c))) return 'PAYMENT_NOT_REGISTERED';
    if (!paymentChannelOk(c)) return 'PAYMENT_MALFORMED';
  }
  return null;
}

function checkHealth(state: LedgerState, ref: { height: number; index: number; validUntil: number }, vendorKey: Bytes, time: number): LedgerReason | null {
  const found = state.record(ref);
  if (!found || found.record.kind !== 'health-credential') return 'HEALTH_NOT_FOUND';
  const cred = found.record;
  if (!equalBytes(cred.vendorKey, vendorKey)) return 'HEALTH_WRONG_VENDOR';
  if (state.isRevoked(ref)) return 'HEALTH_REVOKED';
  if (time < cred.validFrom) return 'HEALTH_NOT_YET_VALID';
  if (time > cred.validUntil) return 'HEALTH_EXPIRED';
  if (ref.validUntil !== cred.validUntil) return 'HEALTH_EXPIRY_MISMATCH';
  return null;
}

const refKey = (r: RecordRef): string => `${r.height}:${r.index}`;
const sameRef = (a: RecordRef, b: RecordRef): boolean => a.height === b.height && a.index === b.index;

/**
 * In-memory LedgerState. With a `base`, it is an overlay: lookups fall through to the base, and
 * `apply` writes only here (a validator replays a proposed block this way and discards it if any
 * record is refused).
 */
export class MemoryLedgerState implements LedgerState {
  private readonly stalls = new Map<string, StoredRecord>();
  private readonly records = new Map<string, StoredRecord>();
  private readonly revocations = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(private readonly base?: LedgerState) {}

  stall(stallNo: string): StoredRecord | undefined {
    return this.stalls.get(stallNo) ?? this.base?.stall(stallNo);
  }
  record(ref: RecordRef): StoredRecord | undefined {
    return this.records.get(refKey(ref)) ?? this.base?.record(ref);
  }
  isRevoked(ref: RecordRef): boolean {
    return this.revocations.has(refKey(ref)) || (this.base?.isRevoked(ref) ?? false);
  }
  has(id: Bytes): boolean {
    return this.ids.has(id.join(',')) || (this.base?.has(id) ?? false);
  }

  apply(s: StoredRecord): void {
    this.records.set(refKey(s.ref), s);
    this.ids.add(s.id.join(','));
    if (s.record.kind === 'stall-registration') this.stalls.set(s.record.stallNo, s);
    if (s.record.kind === 'revocation') this.revocations.add(refKey(s.record.target));
  }

  /** Every record applied here (not the base's), in application order. */
  applied(): StoredRecord[] {
    return [...this.records.values()];
  }
}

/** Validates a whole proposed block in order; the first refusal refuses the block. */
export function validateBlock(
  state: LedgerState,
  records: readonly SignedRecord[],
  ctx: BlockContext,
): { ok: true; applied: StoredRecord[] } | { ok: false; index: number; reason: LedgerReason } {
  const overlay = new MemoryLedgerState(state);
  for (let i = 0; i < records.length; i++) {
    const r = validateRecord(overlay, records[i]!, { height: ctx.height, index: i }, ctx);
    if (!r.ok) return { ok: false, index: i, reason: r.reason };
    overlay.apply(r.stored);
  }
  return { ok: true, applied: overlay.applied() };
}
