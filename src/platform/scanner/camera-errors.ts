// getUserMedia failures → ScannerError codes (Media Capture and Streams §10.2; older Chrome and
// Firefox used the legacy names listed beside the standard ones).

import { ScannerError } from './contract';

export function cameraError(e: unknown): ScannerError {
  if (e instanceof ScannerError) return e;
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message = e instanceof Error ? e.message : String(e);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new ScannerError('CAMERA_DENIED', message, { cause: e });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new ScannerError('CAMERA_NOT_FOUND', message, { cause: e });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new ScannerError('CAMERA_IN_USE', message, { cause: e });
    default:
      return new ScannerError('CAMERA_UNSUPPORTED', message, { cause: e });
  }
}
