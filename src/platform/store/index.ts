// Store adapter: the contract (contract.ts), the browser implementation on IndexedDB (Dexie) and
// the in-memory implementation for tests.
export * from './contract';
export { openDexieStore } from './dexie-store';
export { createMemoryStore, type MemoryStore } from './memory-store';
export { CHUNK_SIZE } from './header-chunks';
export { batchKey } from './batch-history';
export { INSPECTION_RETENTION_MS, SCAN_HISTORY_MAX, SCAN_RETENTION_MS } from './retention';
