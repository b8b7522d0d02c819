// The camera against fake media devices: main rear lens chosen and remembered, a vanished
// remembered camera, a cancelled start whose stream arrives late, torch, switching, stop.

import { describe, expect, it } from 'vitest';
import { startCamera, type CameraDeps } from './camera';
import { CAMERA_STORAGE_KEY, describeCameras, nextCamera, pickMainRearCamera } from './camera-choice';

class FakeTrack {
  stopped = false;
  torch: boolean | undefined;
  constructor(
    readonly deviceId: string,
    readonly label: string,
    private readonly canTorch = false,
  ) {}
  readonly kind = 'video';
  getSettings() {
    return { deviceId: this.deviceId };
  }
  getCapabilities() {
    return this.canTorch ? { torch: true } : {};
  }
  async applyConstraints(c: { advanced: { torch: boolean }[] }) {
    this.torch = c.advanced[0]!.torch;
  }
  stop() {
    this.stopped = true;
  }
}

const IPHONE = [
  { deviceId: 'front', label: 'Front Camera' },
  { deviceId: 'ultra', label: 'Back Ultra Wide Camera' },
  { deviceId: 'main', label: 'Back Camera' },
  { deviceId: 'tele', label: 'Back Telephoto Camera' },
  { deviceId: 'dual', label: 'Back Dual Wide Camera' },
];

function fakeEnv(devices = IPHONE, opts: { fail?: Record<string, string>; torch?: boolean; delay?: Promise<void> } = {}) {
  const tracks: FakeTrack[] = [];
  const calls: (string | undefined)[] = [];
  const store = new Map<string, string>();
  const deps: CameraDeps = {
    mediaDevices: {
      async getUserMedia(c?: MediaStreamConstraints) {
        const v = c!.video as { deviceId?: { exact: string } };
        const id = v.deviceId?.exact;
        calls.push(id);
        await opts.delay;
        if (id && opts.fail?.[id]) throw new DOMException('nope', opts.fail[id]);
        if (id && !devices.some((d) => d.deviceId === id)) throw new DOMException('gone', 'OverconstrainedError');
        // facingMode 'environment' gives the phone's default rear lens: here the ultra wide.
        const dev = devices.find((d) => d.deviceId === (id ?? 'ultra')) ?? devices[0]!;
        const t = new FakeTrack(dev.deviceId, dev.label, opts.torch);
        tracks.push(t);
        return { getTracks: () => [t], getVideoTracks: () => [t] } as unknown as MediaStream;
      },
      async enumerateDevices() {
        return devices.map((d) => ({ ...d, kind: 'videoinput', groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo);
      },
    },
    storage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
  };
  const attrs = new Map<string, string>();
  const video = {
    srcObject: null as unknown,
    muted: false,
    playsInline: false,
    setAttribute: (k: string, v: string) => attrs.set(k, v),
    play: async () => undefined,
  };
  return { deps, tracks, calls, store, video, attrs, videoEl: video as unknown as HTMLVideoElement };
}

describe('camera choice', () => {
  it('picks the main rear lens on iPhone and Android label styles', () => {
    const toInfo = (list: { deviceId: string; label: string }[]) => describeCameras(list.map((d) => ({ ...d, kind: 'videoinput' }) as MediaDeviceInfo));
    expect(pickMainRearCamera(toInfo(IPHONE))?.deviceId).toBe('main');
    const android = [
      { deviceId: 'a0', label: 'camera2 1, facing front' },
      { deviceId: 'a1', label: 'camera2 0, facing back' },
      { deviceId: 'a2', label: 'camera2 2, facing back' },
    ];
    expect(pickMainRearCamera(toInfo(android))?.deviceId).toBe('a1');
    expect(pickMainRearCamera(toInfo([{ deviceId: 'w', label: '后置超广角镜头' }, { deviceId: 'm', label: '后置摄像头' }]))?.deviceId).toBe('m');
    expect(pickMainRearCamera(toInfo([{ deviceId: 'x', label: '' }]))).toBeUndefined();
    const infos = toInfo(IPHONE);
    expect(nextCamera(infos, 'main')?.deviceId).toBe('ultra');
    expect(nextCamera(infos, 'front')?.deviceId).toBe('main');
  });
});

describe('startCamera', () => {
  it('first start: switches to the main rear lens, remembers it, plays inline and muted', async () => {
    const env = fakeEnv();
    const cam = await startCamera({ video: env.videoEl }, env.deps);
    expect(env.calls).toEqual([undefined, 'main']);
    expect(cam.deviceId).toBe('main');
    expect(env.store.get(CAMERA_STORAGE_KEY)).toBe('main');
    expect(env.tracks[0]!.stopped).toBe(true); // the default lens was released
    expect(env.video.muted && env.video.playsInline && env.attrs.has('playsinline')).toBe(true);
    expect(env.video.srcObject).toBe(cam.stream);

    const again = fakeEnv();
    again.store.set(CAMERA_STORAGE_KEY, 'main');
    await startCamera({ video: again.videoEl }, again.deps);
    expect(again.calls).toEqual(['main']);
  });

  it('forgets a remembered camera that is gone', async () => {
    const env = fakeEnv();
    env.store.set(CAMERA_STORAGE_KEY, 'usb-cam');
    const cam = await startCamera({ video: env.videoEl }, env.deps);
    expect(env.calls).toEqual(['usb-cam', undefined, 'main']);
    expect(cam.deviceId).toBe('main');
  });

  it('maps refusals to typed errors', async () => {
    const env = fakeEnv(IPHONE, { fail: { main: 'NotAllowedError' } });
    await expect(startCamera({ video: env.videoEl, deviceId: 'main' }, env.deps)).rejects.toMatchObject({ code: 'CAMERA_DENIED' });
    const busy = fakeEnv(IPHONE, { fail: { main: 'NotReadableError' } });
    await expect(startCamera({ video: busy.videoEl, deviceId: 'main' }, busy.deps)).rejects.toMatchObject({ code: 'CAMERA_IN_USE' });
    await expect(startCamera({ video: env.videoEl }, { mediaDevices: undefined, storage: env.deps.storage })).rejects.toMatchObject({ code: 'CAMERA_UNSUPPORTED' });
  });

  it('a start cancelled during getUserMedia stops the stream that arrives late', async () => {
    let release!: () => void;
    const env = fakeEnv(IPHONE, { delay: new Promise<void>((r) => (release = r)) });
    env.store.set(CAMERA_STORAGE_KEY, 'main');
    const ctrl = new AbortController();
    const starting = startCamera({ video: env.videoEl, signal: ctrl.signal }, env.deps);
    ctrl.abort();
    await expect(starting).rejects.toMatchObject({ code: 'ABORTED' });
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(env.tracks).toHaveLength(1);
    expect(env.tracks[0]!.stopped).toBe(true);
    expect(env.video.srcObject).toBeNull();
  });

  it('torch, switching and stop release every track', async () => {
    const env = fakeEnv(IPHONE, { torch: true });
    env.store.set(CAMERA_STORAGE_KEY, 'main');
    const cam = await startCamera({ video: env.videoEl }, env.deps);
    expect(cam.torchSupported).toBe(true);
    expect(await cam.setTorch(true)).toBe(true);
    expect(env.tracks[0]!.torch).toBe(true);
    await cam.switchCamera();
    expect(cam.deviceId).toBe('ultra');
    expect(env.store.get(CAMERA_STORAGE_KEY)).toBe('ultra');
    expect(cam.torchOn).toBe(false);
    cam.stop();
    cam.stop();
    expect(env.tracks.every((t) => t.stopped)).toBe(true);
    expect(env.video.srcObject).toBeNull();
    expect(await cam.setTorch(true)).toBe(false);
  });

  it('aborting the signal after start stops the camera', async () => {
    const env = fakeEnv();
    const ctrl = new AbortController();
    await startCamera({ video: env.videoEl, signal: ctrl.signal }, env.deps);
    ctrl.abort();
    expect(env.tracks.every((t) => t.stopped)).toBe(true);
  });
});
