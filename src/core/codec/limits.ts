// Every length and count limit of the formats, in one place (docs/FORMAT.md §3 and README).
// Text limits are UTF-8 bytes: a Chinese character is 3 bytes.

export const LIMITS = {
  chainIdBytes: 32,
  stallNoBytes: 16,
  stallNameBytes: 48,
  personNameBytes: 48,
  credentialNoBytes: 32,
  channelLabelBytes: 24,
  channelValueBytes: 512,
  channels: 4,
  batches: 8,
  productBytes: 32,
  originBytes: 48,
  supplierBytes: 48,
  validators: 32,
  issuers: 64,
  keyNameBytes: 64,
  codeBaseUrlBytes: 96,
  headerSignatures: 32,
  proofHashes: 48,
  recordBodyBytes: 4096,
  /** A policy body; the largest one the limits above allow is 9,574 bytes. */
  policyBytes: 10_240,
  /** Largest stall-code payload accepted from a QR (QR v40-L holds 2953 bytes). */
  payloadBytes: 2048,
  /** Longest QR text parsed at all. */
  qrTextChars: 4400,
} as const;
