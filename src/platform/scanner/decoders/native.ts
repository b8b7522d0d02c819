// The browser's own BarcodeDetector (Shape Detection API): present on Android Chrome and
// macOS/iOS Safari 17+ behind flags, absent in Linux Chromium (docs/DESIGN.md §6). Feature-detected:
// it must exist AND list 'qr_code' among its supported formats.

import type { Decoder, DecoderInput } from '../contract';

interface DetectedBarcode {
  rawValue: string;
  format: string;
}
interface BarcodeDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (opts?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

function detectorClass(): BarcodeDetectorClass | undefined {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/** A native decoder, or null where the browser has none for QR codes. */
export async function createNativeDecoder(): Promise<Decoder | null> {
  const Detector = detectorClass();
  if (!Detector) return null;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? [];
    if (!formats.includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return {
      name: 'native',
      async decode(image: DecoderInput) {
        const found = await detector.detect(image as ImageBitmapSource);
        return found.filter((b) => b.format === 'qr_code' && b.rawValue !== '').map((b) => b.rawValue);
      },
    };
  } catch {
    return null;
  }
}
