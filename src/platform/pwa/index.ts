// PWA adapter: service-worker registration with a user-decided update, and persistent storage.
export * from './contract';
export { registerServiceWorker } from './register-sw';
export { requestPersistentStorage, storageEstimate } from './storage';
