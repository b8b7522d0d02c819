// Scanner adapter: decoders behind one contract (native, zxing-wasm, @zxing/library; a fake
// for tests) run in a Web Worker, the camera, the scan loop, photo decoding, beep/vibrate.
// Decoders load lazily.
export * from './contract';
export { pickDecoder, DEFAULT_ORDER, type PickDecoderOptions, type DecoderFactory } from './pick-decoder';
export { openDecoder } from './open-decoder';
export { startCamera, startCamera as openCamera, type CameraDeps } from './camera';
export { pickMainRearCamera, describeCameras, CAMERA_STORAGE_KEY } from './camera-choice';
export { createScanLoop, type ScanLoopDeps } from './scan-loop';
export { createRepeatFilter, type RepeatFilter } from './repeat-filter';
export { scanImageFile, scanImageFile as decodeImageFile, type ScanImageOptions } from './image-file';
export { createFeedback } from './feedback';
export { createFakeDecoder, type FakeDecoder } from './decoders/fake';
