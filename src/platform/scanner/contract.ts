// The contract of the scanner (docs/DESIGN.md §2 shopper/inspector, §6 "Scanning"): QR decoders behind
// one interface, the camera, a scan loop with de-duplication, and beep/vibrate feedback.
// The scanned text is only handed to the app, never navigated to. Implementations: native
// BarcodeDetector, zxing-wasm (bundled .wasm), @zxing/library when WebAssembly is refused
// (`pickDecoder` chooses, in the thread that calls it); `openDecoder` runs that choice in a Web
// Worker so no frame blocks the UI. Tests use `createFakeDecoder` and plain ImageData-shaped objects.

export type DecoderName = 'native' | 'zxing-wasm' | 'zxing-js' | 'fake';

/**
 * A frame: ImageData (or anything with data/width/height), an ImageBitmap, a WebCodecs VideoFrame
 * or a canvas. The decoder takes it over: a worker-backed decoder transfers the pixels' buffer,
 * the bitmap or the video frame to its worker (no copy), after which the caller's ImageData is
 * empty and its bitmap or frame closed there. An in-thread decoder leaves closing to the caller.
 */
export type DecoderInput = ImageData | ImageBitmap | VideoFrame | HTMLCanvasElement;

/**
 * 'thorough' (the default) tries everything the decoder has, e.g. zxing-wasm's sharpened passes
 * for a code out of focus; 'quick' only its first pass. The camera loop alternates the two, so a
 * frame with no code in view (most frames) costs less on average.
 */
export type DecodeEffort = 'quick' | 'thorough';

export interface Decoder {
  readonly name: DecoderName;
  /**
   * True when a VideoFrame or an ImageBitmap is the cheapest frame to hand over (a worker reads
   * its pixels off the main thread); otherwise frames are best given as ImageData.
   */
  readonly takesBitmaps?: boolean;
  /** Every QR code text found in the image; [] when none. Rejects only on decoder failure. */
  decode(image: DecoderInput, effort?: DecodeEffort): Promise<string[]>;
}

export type ScannerErrorCode =
  /** The user or the browser refused camera access (NotAllowedError, SecurityError). */
  | 'CAMERA_DENIED'
  /** No camera, or the remembered one is gone (NotFoundError). */
  | 'CAMERA_NOT_FOUND'
  /** Another app holds the camera (NotReadableError). */
  | 'CAMERA_IN_USE'
  /** No getUserMedia (old browser, or http:// other than localhost). */
  | 'CAMERA_UNSUPPORTED'
  /** No decoder could be loaded. */
  | 'DECODER_UNAVAILABLE'
  /** A photo that could not be read as an image. */
  | 'IMAGE_UNREADABLE'
  /** The caller's AbortSignal fired. */
  | 'ABORTED';

export class ScannerError extends Error {
  override readonly name = 'ScannerError';
  constructor(
    readonly code: ScannerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

export interface CameraInfo {
  deviceId: string;
  label: string;
  /** From the label or facingMode; labels are empty until permission is granted. */
  facing: 'back' | 'front' | 'unknown';
}

export interface CameraOptions {
  video: HTMLVideoElement;
  /** A specific camera; default: the remembered one, else the main rear camera. */
  deviceId?: string;
  /** Aborting during getUserMedia stops the stream that arrives late. */
  signal?: AbortSignal;
}

export interface CameraSession {
  readonly stream: MediaStream;
  readonly deviceId: string | undefined;
  readonly label: string;
  /** track.getCapabilities().torch */
  readonly torchSupported: boolean;
  readonly torchOn: boolean;
  /** Switches the torch; resolves false when unsupported or refused. */
  setTorch(on: boolean): Promise<boolean>;
  /** Video inputs with facing guessed from labels. */
  listCameras(): Promise<CameraInfo[]>;
  /** Switches to `deviceId`, or to the next camera; remembers the choice. */
  switchCamera(deviceId?: string): Promise<void>;
  /** Releases every track and detaches the video. Safe to call twice. */
  stop(): void;
}

export interface ScanLoopOptions {
  video: HTMLVideoElement;
  decoder: Decoder;
  /** Each new code text once (subject to `repeatAfterMs`). */
  onText: (text: string) => void;
  /** Decoder failures (the loop keeps running). */
  onError?: (error: unknown) => void;
  /** true: keep scanning after a code (inspector); false: stop after the first. Default true. */
  continuous?: boolean;
  /** The same text is not reported again within this time; default 5,000 ms. */
  repeatAfterMs?: number;
  /** Frames are downscaled to at most this width; default 1,280. */
  maxWidth?: number;
  /** Minimum time between decodes; default 150 ms. */
  intervalMs?: number;
  signal?: AbortSignal;
}

export interface ScanLoop {
  readonly running: boolean;
  start(): void;
  stop(): void;
  /** Forgets recently seen texts, so the same code reports again. */
  reset(): void;
}

export interface Feedback {
  /** Call from a user tap (iOS/Chrome autoplay rules) before the first beep. */
  unlockAudio(): void;
  /** A short beep; `kind` 'error' is lower. No-op without WebAudio. */
  beep(kind?: 'ok' | 'error'): void;
  /** Vibrates where supported; returns false where not. */
  vibrate(pattern?: number | number[]): boolean;
}
