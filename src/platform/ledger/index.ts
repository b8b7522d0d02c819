// Ledger adapter: the contract (contract.ts), the fetch-based client, and for tests an in-process
// fake ledger (fake-ledger.ts) that serves docs/API.md from memory.
export * from './contract';
export { createLedgerClient } from './client';
export { loadConfig, parseConfig } from './config';
export { loadVerificationContext, claimedHeight, type VerificationContext } from './verification-context';
export { stallCodeFromInclusion } from './stall-code';
export { backoffDelay } from './outbox';
export { DEFAULT_PAGE_SIZE } from './header-sync';
