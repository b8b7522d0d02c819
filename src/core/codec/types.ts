// The values Sanma encodes. Byte layouts: docs/FORMAT.md. Times are integer milliseconds
// since the Unix epoch unless a name says otherwise; keys are Ed25519 public keys (32 bytes).

export type Bytes = Uint8Array;

/** Where a record sits on the ledger: block height and leaf index in that block. */
export interface RecordRef {
  height: number;
  index: number;
}

export type PaymentChannelType = 'emv' | 'url';

export interface PaymentChannel {
  type: PaymentChannelType;
  /** Shown on the button, e.g. 微信支付 / 银联. */
  label: string;
  /** EMV merchant-presented payload, or an https:// payment URL. */
  value: string;
}

export type QuantityUnit = 'g' | 'kg' | 'jin' | 'piece';
export type RapidTest = 'none' | 'pass' | 'fail';

export interface Batch {
  product: string;
  origin: string;
  supplier: string;
  amount: number;
  unit: QuantityUnit;
  /** Harvest or arrival date: the market's calendar day, counted from 1970-01-01. */
  day: number;
  test: RapidTest;
}

/**
 * A stall number given to a vendor key. No person's name: the ledger is world-readable, and the
 * market office keeps who holds the stall in its own records. Re-registering a stall number
 * (a handover) must name the registration it replaces in `supersedes`, which makes every code
 * built on the old one red, like a revocation.
 */
export interface StallRegistration {
  kind: 'stall-registration';
  issuer: Bytes;
  issuedAt: number;
  stallNo: string;
  stallName: string;
  vendorKey: Bytes;
  /** The stall's current registration that this one replaces; null for a new stall. */
  supersedes: RecordRef | null;
  channels: PaymentChannel[];
}

/**
 * A vendor's health credential. The holder's name and certificate number are not on the ledger:
 * only `holder`, a salted commitment to them (holderCommitment in src/core/holder.ts) that an
 * inspector recomputes from the paper certificate, where the salt is printed.
 */
export interface HealthCredential {
  kind: 'health-credential';
  issuer: Bytes;
  issuedAt: number;
  vendorKey: Bytes;
  holder: Bytes;
  validFrom: number;
  validUntil: number;
}

/** Withdraws a record. Carries no reason: a reason about a person is personal data. */
export interface Revocation {
  kind: 'revocation';
  issuer: Bytes;
  issuedAt: number;
  target: RecordRef;
  /** Record id (leaf hash) of the revoked record: binds the ref to exact bytes. */
  targetId: Bytes;
}

export interface HealthRef extends RecordRef {
  /** Copy of the credential's validUntil so the expiry shows offline; validators check it. */
  validUntil: number;
}

export interface StallCode {
  kind: 'stall-code';
  issuedAt: number;
  stallNo: string;
  stallName: string;
  /** The stall registration the code was built on: it must be the stall's current one. */
  registration: RecordRef;
  health: HealthRef;
  channels: PaymentChannel[];
  batches: Batch[];
}

export type LedgerRecord = StallRegistration | HealthCredential | Revocation | StallCode;
export type RecordKind = LedgerRecord['kind'];

/** A record as submitted to and stored by the ledger: the body and its author's signature. */
export interface SignedRecord {
  body: Bytes;
  signature: Bytes;
}

export interface ValidatorKey {
  publicKey: Bytes;
  name: string;
}

/** Bit flags: what an issuer key may sign. */
export const PERMISSION = { stallRegistration: 1, healthCredential: 2 } as const;

export interface IssuerKey {
  publicKey: Bytes;
  name: string;
  permissions: number;
}

export interface TrustPolicy {
  /** Increases with every accepted change. */
  sequence: number;
  chainId: string;
  genesisHash: Bytes;
  validators: ValidatorKey[];
  threshold: number;
  issuers: IssuerKey[];
  /** Upper-case origin (+ optional path) that prefixes every QR text, e.g. HTTPS://SANMA.EXAMPLE */
  codeBaseUrl: string;
  /** A cached header set older than this gives a warning. */
  maxHeaderAgeSeconds: number;
  /** Synced revocations older than this give a warning. */
  maxRevocationAgeSeconds: number;
  /** A stall code anchored longer ago than this gives a warning. */
  maxCodeAgeSeconds: number;
  /** A batch dated longer ago than this (from the start of its day) gives a warning. */
  maxProduceAgeSeconds: number;
  /** A policy fetched longer ago than this gives a warning. */
  maxPolicyAgeSeconds: number;
  /** The market's time zone as minutes east of UTC (China: 480); batch dates are its days. */
  utcOffsetMinutes: number;
}

export interface HeaderSignature {
  publicKey: Bytes;
  signature: Bytes;
}

export interface SignedPolicy {
  body: Bytes;
  signatures: HeaderSignature[];
}

export interface BlockHeader {
  chainId: string;
  height: number;
  prevHash: Bytes;
  time: number;
  recordCount: number;
  recordsRoot: Bytes;
  /** Status events (revocations and handovers) on the chain through this block. */
  revocationCount: number;
  /** Running hash over those events (src/core/ledger/revocation-chain.ts). */
  revocationsHash: Bytes;
}

export interface SignedHeader {
  /** The exact encoded header (what was signed). */
  header: Bytes;
  signatures: HeaderSignature[];
}

/** What the QR carries: a stall-code record and its inclusion proof. */
export interface StallCodePayload {
  chainId: string;
  height: number;
  index: number;
  proof: Bytes[];
  /** The stall-code record body, exactly the bytes hashed into the leaf. */
  body: Bytes;
  record: StallCode;
}
