// One error class for the core with a closed set of codes (sigstore `verify/src/error.ts` style).
// Decoders throw it on hostile or malformed input; tests assert `code`, never the message.
// Verification does not throw: it returns reason codes (see verify/reasons.ts).

export type CoreErrorCode =
  | 'TRUNCATED' // input ended inside a field
  | 'TRAILING_BYTES' // bytes left after a complete value
  | 'NON_CANONICAL' // a second encoding of a value that has one canonical form
  | 'LIMIT_EXCEEDED' // a length or count above the declared limit
  | 'BAD_VALUE' // a field whose value is out of its domain
  | 'BAD_VERSION' // unknown format version or record kind
  | 'BAD_UTF8' // text that is not well-formed NFC UTF-8 without control characters
  | 'BAD_BASE32' // not RFC 4648 upper-case unpadded base32 in canonical form
  | 'BAD_QR_TEXT' // QR text that is neither a Sanma URL nor a bare payload
  | 'EMV_BAD_TLV' // EMV: id/length not two digits, or value runs past the end
  | 'EMV_BAD_LENGTH' // EMV: a length field that disagrees with the value
  | 'EMV_BAD_CRC' // EMV: CRC-16/CCITT-FALSE mismatch or malformed CRC field
  | 'EMV_BAD_ORDER' // EMV: 00 not first or 63 not last
  | 'EMV_NO_MERCHANT_ACCOUNT' // EMV: no merchant account information (ids 02-51)
  | 'BAD_KEY' // a public key or signature of the wrong length/shape (misuse)
  | 'BAD_PROOF_SHAPE'; // a Merkle proof with wrong length or index out of range (misuse)

export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    readonly code: CoreErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function fail(code: CoreErrorCode, message: string): never {
  throw new CoreError(code, message);
}
