// Reason codes for everything the ledger logic accepts or refuses. Closed set: the server
// returns them in 422 bodies, the UI maps them to zh-CN/en text, tests assert them.

export type LedgerReason =
  // quorum and header chain
  | 'QUORUM_NOT_MET' // fewer than k distinct known validators signed
  | 'QUORUM_BAD_SIGNATURE' // a known validator's signature does not verify
  | 'HEADER_MALFORMED'
  | 'HEADER_WRONG_CHAIN'
  | 'HEADER_BROKEN_LINK' // prevHash does not match the previous header's hash
  | 'HEADER_NOT_CONSECUTIVE'
  | 'HEADER_TIME_REGRESSION'
  | 'FORK_DETECTED'
  // policy updates
  | 'POLICY_MALFORMED'
  | 'POLICY_WRONG_CHAIN'
  | 'POLICY_NOT_NEWER'
  // records
  | 'RECORD_MALFORMED'
  | 'RECORD_DUPLICATE'
  | 'RECORD_BAD_SIGNATURE'
  | 'ISSUER_UNKNOWN' // signer is not an issuer in the policy
  | 'ISSUER_NOT_AUTHORISED' // issuer lacks the permission for this record kind
  | 'STALL_NOT_REGISTERED'
  | 'STALL_NAME_MISMATCH'
  | 'PAYMENT_NOT_REGISTERED' // a channel in the stall code is not one of the registration's
  | 'PAYMENT_MALFORMED' // a channel value that is not a well-formed payment code (src/core/payment.ts)
  | 'HEALTH_NOT_FOUND'
  | 'HEALTH_WRONG_VENDOR'
  | 'HEALTH_NOT_YET_VALID'
  | 'HEALTH_EXPIRED'
  | 'HEALTH_REVOKED'
  | 'HEALTH_EXPIRY_MISMATCH'
  | 'REVOCATION_TARGET_NOT_FOUND'
  | 'REVOCATION_TARGET_MISMATCH' // targetId is not the record at target
  | 'REVOCATION_NOT_ISSUER' // only the issuer of a record may revoke it
  | 'REVOCATION_DUPLICATE'
  | 'RECORD_TIME_IN_FUTURE' // issuedAt later than the block time (+ tolerance)
  | 'STALL_REGISTRATION_REVOKED'
  | 'STALL_REGISTRATION_NOT_CURRENT' // the code names a registration the stall no longer has (handover)
  | 'STALL_ALREADY_REGISTERED' // a registration of a registered stall must name it in `supersedes`
  | 'SUPERSEDES_NOT_CURRENT'; // `supersedes` is not the stall's current registration
