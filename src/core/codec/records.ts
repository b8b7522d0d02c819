// Ledger records: stall registration, health credential, revocation, stall code
// (docs/FORMAT.md §4). The first byte of a body is its kind and doubles as the record format
// version: a new layout gets a new kind byte, so old verifiers reject it instead of misreading it.
// The record id is the RFC 9162 leaf hash of the body; the author's signature travels beside the
// body (SignedRecord) and is not part of the leaf, which keeps 64 bytes out of every QR code: the
// quorum that signed the block header attests that the signature was checked.

import { Reader, Writer } from '../bytes';
import { fail } from '../errors';
import { LIMITS } from './limits';
import type {
  Batch,
  Bytes,
  HealthCredential,
  LedgerRecord,
  PaymentChannel,
  QuantityUnit,
  RapidTest,
  RecordKind,
  RecordRef,
  Revocation,
  SignedRecord,
  StallCode,
  StallRegistration,
} from './types';

// Format 2 (0x05–0x08): registrations name what they supersede and carry no person's name,
// credentials carry a holder commitment, revocations no reason, stall codes their registration.
// Format 1 (0x01–0x04) was never deployed and is no longer read.
export const KIND_BYTE: Record<RecordKind, number> = {
  'stall-registration': 0x05,
  'health-credential': 0x06,
  revocation: 0x07,
  'stall-code': 0x08,
};

const CHANNEL_TYPES = ['emv', 'url'] as const; // byte = index + 1
const UNITS: readonly QuantityUnit[] = ['g', 'kg', 'jin', 'piece']; // byte = index + 1
const TESTS: readonly RapidTest[] = ['none', 'pass', 'fail']; // byte = index

function enumByte<T>(field: string, values: readonly T[], value: T, offset: number): number {
  const i = values.indexOf(value);
  if (i < 0) fail('BAD_VALUE', `${field}: unknown value ${String(value)}`);
  return i + offset;
}

function readEnum<T>(r: Reader, field: string, values: readonly T[], offset: number): T {
  const b = r.u8(field);
  const v = values[b - offset];
  if (b < offset || v === undefined) fail('BAD_VALUE', `${field}: unknown value ${b}`);
  return v;
}

function writeChannels(w: Writer, channels: readonly PaymentChannel[]): void {
  w.count('channels', channels.length, 1, LIMITS.channels);
  for (const c of channels) {
    w.u8(enumByte('channel.type', CHANNEL_TYPES, c.type, 1));
    w.text('channel.label', c.label, LIMITS.channelLabelBytes);
    w.text('channel.value', c.value, LIMITS.channelValueBytes);
  }
}

function readChannels(r: Reader): PaymentChannel[] {
  const n = r.count('channels', 1, LIMITS.channels);
  const out: PaymentChannel[] = [];
  for (let i = 0; i < n; i++) {
    const type = readEnum(r, 'channel.type', CHANNEL_TYPES, 1);
    const label = r.text('channel.label', LIMITS.channelLabelBytes);
    const value = r.text('channel.value', LIMITS.channelValueBytes);
    out.push({ type, label, value });
  }
  return out;
}

function writeBatch(w: Writer, b: Batch): void {
  w.text('batch.product', b.product, LIMITS.productBytes);
  w.text('batch.origin', b.origin, LIMITS.originBytes);
  w.text('batch.supplier', b.supplier, LIMITS.supplierBytes);
  w.varint(b.amount);
  w.u8(enumByte('batch.unit', UNITS, b.unit, 1));
  w.varint(b.day);
  w.u8(enumByte('batch.test', TESTS, b.test, 0));
}

function readBatch(r: Reader): Batch {
  return {
    product: r.text('batch.product', LIMITS.productBytes),
    origin: r.text('batch.origin', LIMITS.originBytes),
    supplier: r.text('batch.supplier', LIMITS.supplierBytes),
    amount: r.varint('batch.amount'),
    unit: readEnum(r, 'batch.unit', UNITS, 1),
    day: r.varint('batch.day'),
    test: readEnum(r, 'batch.test', TESTS, 0),
  };
}

/** Optional ref: 0x00, or 0x01 ‖ varint height ‖ varint index. */
function writeOptionalRef(w: Writer, ref: RecordRef | null): void {
  if (ref === null) w.u8(0);
  else w.u8(1).varint(ref.height).varint(ref.index);
}

function readOptionalRef(r: Reader, field: string): RecordRef | null {
  const flag = r.u8(field);
  if (flag === 0) return null;
  if (flag !== 1) fail('BAD_VALUE', `${field}: flag must be 0 or 1, got ${flag}`);
  return { height: r.varint(`${field}.height`), index: r.varint(`${field}.index`) };
}

function writeStallCodeFields(w: Writer, c: StallCode): void {
  w.varint(c.issuedAt);
  w.text('stallNo', c.stallNo, LIMITS.stallNoBytes);
  w.text('stallName', c.stallName, LIMITS.stallNameBytes);
  w.varint(c.registration.height).varint(c.registration.index);
  w.varint(c.health.height).varint(c.health.index).varint(c.health.validUntil);
  writeChannels(w, c.channels);
  w.count('batches', c.batches.length, 0, LIMITS.batches);
  for (const b of c.batches) writeBatch(w, b);
}

export function encodeRecord(record: LedgerRecord): Bytes {
  const w = new Writer().u8(KIND_BYTE[record.kind]);
  switch (record.kind) {
    case 'stall-registration':
      w.fixed('issuer', record.issuer, 32).varint(record.issuedAt);
      w.text('stallNo', record.stallNo, LIMITS.stallNoBytes);
      w.text('stallName', record.stallName, LIMITS.stallNameBytes);
      w.fixed('vendorKey', record.vendorKey, 32);
      writeOptionalRef(w, record.supersedes);
      writeChannels(w, record.channels);
      break;
    case 'health-credential':
      if (record.validUntil <= record.validFrom) fail('BAD_VALUE', 'validUntil must be after validFrom');
      w.fixed('issuer', record.issuer, 32).varint(record.issuedAt);
      w.fixed('vendorKey', record.vendorKey, 32);
      w.fixed('holder', record.holder, 32);
      w.varint(record.validFrom).varint(record.validUntil);
      break;
    case 'revocation':
      w.fixed('issuer', record.issuer, 32).varint(record.issuedAt);
      w.varint(record.target.height).varint(record.target.index);
      w.fixed('targetId', record.targetId, 32);
      break;
    case 'stall-code':
      writeStallCodeFields(w, record);
      break;
  }
  const out = w.finish();
  if (out.length > LIMITS.recordBodyBytes) fail('LIMIT_EXCEEDED', `record body: ${out.length} > ${LIMITS.recordBodyBytes}`);
  return out;
}

/** Strict decode of a record body; every byte must be consumed. Input is hostile. */
export function decodeRecord(body: Bytes): LedgerRecord {
  if (body.length > LIMITS.recordBodyBytes) fail('LIMIT_EXCEEDED', `record body: ${body.length} > ${LIMITS.recordBodyBytes}`);
  const r = new Reader(body);
  const kindByte = r.u8('kind');
  let record: LedgerRecord;
  switch (kindByte) {
    case 0x05: {
      const reg: StallRegistration = {
        kind: 'stall-registration',
        issuer: r.fixed('issuer', 32),
        issuedAt: r.varint('issuedAt'),
        stallNo: r.text('stallNo', LIMITS.stallNoBytes),
        stallName: r.text('stallName', LIMITS.stallNameBytes),
        vendorKey: r.fixed('vendorKey', 32),
        supersedes: readOptionalRef(r, 'supersedes'),
        channels: readChannels(r),
      };
      record = reg;
      break;
    }
    case 0x06: {
      const hc: HealthCredential = {
        kind: 'health-credential',
        issuer: r.fixed('issuer', 32),
        issuedAt: r.varint('issuedAt'),
        vendorKey: r.fixed('vendorKey', 32),
        holder: r.fixed('holder', 32),
        validFrom: r.varint('validFrom'),
        validUntil: r.varint('validUntil'),
      };
      if (hc.validUntil <= hc.validFrom) fail('BAD_VALUE', 'validUntil must be after validFrom');
      record = hc;
      break;
    }
    case 0x07: {
      const rv: Revocation = {
        kind: 'revocation',
        issuer: r.fixed('issuer', 32),
        issuedAt: r.varint('issuedAt'),
        target: { height: r.varint('target.height'), index: r.varint('target.index') },
        targetId: r.fixed('targetId', 32),
      };
      record = rv;
      break;
    }
    case 0x08:
      record = readStallCode(r);
      break;
    default:
      fail('BAD_VERSION', `record kind 0x${kindByte.toString(16).padStart(2, '0')} is not known`);
  }
  r.end('record');
  return record;
}

function readStallCode(r: Reader): StallCode {
  const issuedAt = r.varint('issuedAt');
  const stallNo = r.text('stallNo', LIMITS.stallNoBytes);
  const stallName = r.text('stallName', LIMITS.stallNameBytes);
  const registration = { height: r.varint('registration.height'), index: r.varint('registration.index') };
  const health = {
    height: r.varint('health.height'),
    index: r.varint('health.index'),
    validUntil: r.varint('health.validUntil'),
  };
  const channels = readChannels(r);
  const n = r.count('batches', 0, LIMITS.batches);
  const batches: Batch[] = [];
  for (let i = 0; i < n; i++) batches.push(readBatch(r));
  return { kind: 'stall-code', issuedAt, stallNo, stallName, registration, health, channels, batches };
}

/** Signed record on the wire: varint body length ‖ body ‖ 64-byte Ed25519 signature. */
export function encodeSignedRecord(s: SignedRecord): Bytes {
  return new Writer().bytes('body', s.body, LIMITS.recordBodyBytes).fixed('signature', s.signature, 64).finish();
}

export function decodeSignedRecord(bytes: Bytes): SignedRecord {
  const r = new Reader(bytes);
  const body = r.bytes('body', LIMITS.recordBodyBytes);
  const signature = r.fixed('signature', 64);
  r.end('signed record');
  return { body, signature };
}
