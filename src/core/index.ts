// The Sanma core: pure, synchronous, Uint8Array only. Shared by the app, the ledger service
// and the tests.
export * from './errors';
export * from './bytes';
export * from './base32';
export * from './emv';
export * from './payment';
export * from './crypto';
export * from './merkle';
export * from './holder';
export * from './json-shape';
export * from './codec';
export * from './ledger';
export * from './verify';
