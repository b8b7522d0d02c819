// Which camera to open. Phones with several rear lenses list them all ("Back Ultra Wide Camera",
// "Back Telephoto Camera", "camera2 2, facing back"…); the main lens focuses closest and gives the
// sharpest QR modules. Heuristic on labels (only readable after permission): skip wide, ultra,
// tele, depth and macro lenses; prefer a plain "back camera"; else the first rear lens. The choice
// is remembered in localStorage so the next start opens it directly.

import type { CameraInfo } from './contract';

export const CAMERA_STORAGE_KEY = 'sanma.scanner.cameraId';

const BACK = /\b(back|rear|environment)\b|后置|后摄|背面/i;
const FRONT = /\b(front|user|facetime)\b|前置|前摄/i;
const SECONDARY = /wide|ultra|tele|depth|macro|infrared|\bir\b|超广角|广角|长焦|微距|景深|红外/i;

function facingOf(label: string): CameraInfo['facing'] {
  if (BACK.test(label)) return 'back';
  if (FRONT.test(label)) return 'front';
  return 'unknown';
}

export function describeCameras(devices: readonly MediaDeviceInfo[]): CameraInfo[] {
  return devices.filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label, facing: facingOf(d.label) }));
}

/** The main rear camera, or undefined when the labels do not tell (then facingMode decides). */
export function pickMainRearCamera(cameras: readonly CameraInfo[]): CameraInfo | undefined {
  const back = cameras.filter((c) => c.facing === 'back');
  const main = back.filter((c) => !SECONDARY.test(c.label));
  return main.find((c) => /back camera/i.test(c.label)) ?? main[0] ?? back[0];
}

export function rememberedCamera(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
  try {
    return storage?.getItem(CAMERA_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberCamera(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, deviceId: string | undefined): void {
  try {
    if (deviceId) storage?.setItem(CAMERA_STORAGE_KEY, deviceId);
    else storage?.removeItem(CAMERA_STORAGE_KEY);
  } catch {
    // Storage refused (private mode): we just choose again next time.
  }
}

/** The camera after `current` in the list, back cameras first (for the switch button). */
export function nextCamera(cameras: readonly CameraInfo[], current: string | undefined): CameraInfo | undefined {
  if (cameras.length === 0) return undefined;
  const ordered = [...cameras].sort((a, b) => rank(a) - rank(b));
  const i = ordered.findIndex((c) => c.deviceId === current);
  return ordered[(i + 1) % ordered.length];
}

function rank(c: CameraInfo): number {
  return c.facing === 'back' ? (SECONDARY.test(c.label) ? 1 : 0) : c.facing === 'unknown' ? 2 : 3;
}
