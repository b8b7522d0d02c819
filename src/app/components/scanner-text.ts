// Scanner errors in words (kept out of the scanner chunk: the photo fallback needs them too).

import type { Messages } from '../i18n/messages';

export function scannerErrorText(t: Messages, code: string): string {
  switch (code) {
    case 'CAMERA_DENIED':
      return t.cameraDenied;
    case 'CAMERA_NOT_FOUND':
      return t.cameraNotFound;
    case 'CAMERA_IN_USE':
      return t.cameraInUse;
    case 'CAMERA_UNSUPPORTED':
      return t.cameraUnsupported;
    case 'DECODER_UNAVAILABLE':
      return t.decoderUnavailable;
    case 'IMAGE_UNREADABLE':
      return t.imageUnreadable;
    default:
      return t.cameraUnsupported;
  }
}

