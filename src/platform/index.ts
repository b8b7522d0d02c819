// Browser adapters behind small contracts (docs/DESIGN.md §5): each folder has contract.ts, a browser
// implementation and a test implementation. Import from the folder, e.g. '../platform/store'.
export * from './store';
export * from './ledger';
export * from './scanner';
export * from './qr';
export * from './pwa';
