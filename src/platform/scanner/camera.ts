// The camera for scanning (docs/DESIGN.md §2): rear camera at ideal 1280×720, the main lens on phones
// with several, remembered between visits; torch where the track offers it; switching; a start
// that can be cancelled (a stream that arrives after the abort is stopped at once, so the camera
// light never stays on); and stop() that releases every track.

import { ScannerError, type CameraInfo, type CameraOptions, type CameraSession } from './contract';
import { cameraError } from './camera-errors';
import { describeCameras, nextCamera, pickMainRearCamera, rememberCamera, rememberedCamera } from './camera-choice';

export interface CameraDeps {
  /** Default navigator.mediaDevices; an explicit undefined means "none" (tests). */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

type Devices = NonNullable<CameraDeps['mediaDevices']>;

const aborted = () => new ScannerError('ABORTED', 'camera start cancelled');

function stopStream(stream: MediaStream): void {
  for (const t of stream.getTracks()) t.stop();
}

function constraints(deviceId: string | undefined): MediaStreamConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return { audio: false, video: deviceId ? { deviceId: { exact: deviceId }, ...size } : { facingMode: { ideal: 'environment' }, ...size } };
}

/** getUserMedia that honours `signal`, stopping a stream that arrives after the abort. */
function openStream(md: Devices, deviceId: string | undefined, signal?: AbortSignal): Promise<MediaStream> {
  if (signal?.aborted) return Promise.reject(aborted());
  const pending = md.getUserMedia(constraints(deviceId));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(aborted());
      pending.then(stopStream, () => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (s) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) stopStream(s);
        else resolve(s);
      },
      (e: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(cameraError(e));
      },
    );
  });
}

function trackOf(stream: MediaStream): MediaStreamTrack | undefined {
  return stream.getVideoTracks()[0];
}

function torchCapable(track: MediaStreamTrack | undefined): boolean {
  const caps = track?.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean }) | undefined;
  return caps?.torch === true;
}

async function attach(video: HTMLVideoElement, stream: MediaStream): Promise<void> {
  // iOS Safari plays inline only with playsinline; muted allows autoplay everywhere.
  video.setAttribute('playsinline', '');
  video.setAttribute('muted', '');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    // play() is interrupted when the stream is replaced (switching) or the element removed.
  }
}

function defaultStorage(): CameraDeps['storage'] {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export async function startCamera(opts: CameraOptions, deps: CameraDeps = {}): Promise<CameraSession> {
  const md = 'mediaDevices' in deps ? deps.mediaDevices : globalThis.navigator?.mediaDevices;
  if (!md?.getUserMedia) throw new ScannerError('CAMERA_UNSUPPORTED', 'no getUserMedia (old browser or not a secure context)');
  const storage = deps.storage ?? defaultStorage();
  const { video, signal } = opts;

  const remembered = opts.deviceId ?? rememberedCamera(storage);
  let stream: MediaStream;
  try {
    stream = await openStream(md, remembered, signal);
  } catch (e) {
    // The remembered camera is gone (another phone, a USB camera unplugged): choose again.
    if (!(e instanceof ScannerError) || e.code !== 'CAMERA_NOT_FOUND' || !remembered || opts.deviceId) throw e;
    rememberCamera(storage, undefined);
    stream = await openStream(md, undefined, signal);
  }
  let deviceId = trackOf(stream)?.getSettings().deviceId;

  if (!opts.deviceId && !rememberedCamera(storage)) {
    // First start: labels are readable now that permission is granted; prefer the main rear lens.
    const main = pickMainRearCamera(describeCameras(await md.enumerateDevices().catch(() => [])));
    if (main && main.deviceId && main.deviceId !== deviceId) {
      stopStream(stream);
      try {
        stream = await openStream(md, main.deviceId, signal);
      } catch (e) {
        if (e instanceof ScannerError && e.code === 'ABORTED') throw e;
        stream = await openStream(md, undefined, signal);
      }
      deviceId = trackOf(stream)?.getSettings().deviceId;
    }
    rememberCamera(storage, deviceId);
  }

  if (signal?.aborted) {
    stopStream(stream);
    throw aborted();
  }
  await attach(video, stream);
  if (signal?.aborted) {
    stopStream(stream);
    video.srcObject = null;
    throw aborted();
  }

  let torchOn = false;
  let stopped = false;
  const session: CameraSession = {
    get stream() {
      return stream;
    },
    get deviceId() {
      return deviceId;
    },
    get label() {
      return trackOf(stream)?.label ?? '';
    },
    get torchSupported() {
      return torchCapable(trackOf(stream));
    },
    get torchOn() {
      return torchOn;
    },
    async setTorch(on) {
      const track = trackOf(stream);
      if (stopped || !track || !torchCapable(track)) return false;
      try {
        await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
        torchOn = on;
        return true;
      } catch {
        return false;
      }
    },
    async listCameras(): Promise<CameraInfo[]> {
      return describeCameras(await md.enumerateDevices());
    },
    async switchCamera(target) {
      if (stopped) return;
      const id = target ?? nextCamera(await session.listCameras(), deviceId)?.deviceId;
      if (!id || id === deviceId) return;
      const next = await openStream(md, id, signal);
      if (stopped) return stopStream(next);
      stopStream(stream);
      stream = next;
      deviceId = trackOf(stream)?.getSettings().deviceId ?? id;
      torchOn = false;
      rememberCamera(storage, deviceId);
      await attach(video, stream);
    },
    stop() {
      stopped = true;
      stopStream(stream);
      if (video.srcObject === stream) video.srcObject = null;
      torchOn = false;
    },
  };
  signal?.addEventListener('abort', () => session.stop(), { once: true });
  return session;
}
