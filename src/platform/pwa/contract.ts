// The contract of the PWA plumbing (docs/DESIGN.md §6): service-worker registration
// where the USER decides when a new version takes over (registerType 'prompt'), and persistent
// storage so the browser does not evict the header cache and the inspection log.

export interface RegisterServiceWorkerOptions {
  /** A new version is waiting. Show "Update available"; call updateNow() only on the user's yes. */
  onNeedRefresh: () => void;
  /** The app is cached and works offline from now on. */
  onOfflineReady: () => void;
  /** Registration failed (unsupported, http:, script error). */
  onRegisterError?: (error: unknown) => void;
  /** Look for a new version this often while the app is open (ms); default 1 h; 0 = never. */
  checkIntervalMs?: number;
}

export interface ServiceWorkerControls {
  /** True once onNeedRefresh fired and until updateNow. */
  readonly needRefresh: boolean;
  /**
   * The user agreed: tells the waiting worker to skip waiting and reloads the page when it takes
   * control (controllerchange). Does nothing when no update is waiting.
   */
  updateNow(): Promise<void>;
  /** Asks the browser to look for a new service worker now. */
  checkForUpdate(): Promise<void>;
  /** Stops the periodic checks. */
  dispose(): void;
}

export type PersistResult = 'granted' | 'denied' | 'unsupported';

export interface StorageEstimate {
  usage: number;
  quota: number;
  persisted: boolean | null;
}
