// The answer to navigator.storage.persist() in words, for the screens that ask for it.

import type { PersistResult } from '../platform/pwa';
import type { Messages } from './i18n/messages';

export function persistText(t: Messages, r: PersistResult): string {
  return r === 'granted' ? t.persistGranted : r === 'denied' ? t.persistDenied : t.persistUnsupported;
}
