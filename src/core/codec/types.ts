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
  /** Harvest or arrival date, days since 1970-01-01 (UTC). */
  day: number;
  test: RapidTest;
}

export interface StallRegistration {
  kind: 'stall-registration';
  issuer: Bytes;
  issuedAt: number;
  stallNo: string;
  stallName: string;
  vendorKey: Bytes;
  vendorName: string;
  channels: PaymentChannel[];
}

export interface HealthCredential {
  kind: 'health-credential';
  issuer: Bytes;
  issuedAt: number;
  vendorKey: Bytes;
  vendorName: string;
  credentialNo: string;
  validFrom: number;
  validUntil: number;
}

export type RevocationReason = 'unspecified' | 'key-compromise' | 'superseded' | 'health' | 'withdrawn';

export interface Revocation {
  kind: 'revocation';
  issuer: Bytes;
  issuedAt: number;
  target: RecordRef;
  /** Record id (leaf hash) of the revoked record: binds the ref to exact bytes. */
  targetId: Bytes;
  reason: RevocationReason;
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
  /** A stall code anchored longer ago than this gives a warning (stale produce data). */
  maxCodeAgeSeconds: number;
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
