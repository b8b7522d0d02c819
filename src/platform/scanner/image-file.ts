// Reading a code from a photo (the fallback when the camera is refused or busy). Phone photos are
// large: first try a 2,048 px version (fast), then the full image up to 4,096 px for a small code
// in a big picture. EXIF orientation is applied by createImageBitmap.

import { ScannerError, type Decoder } from './contract';
import { frameContext } from './image-data';
import { pickDecoder } from './pick-decoder';

async function pixelsAt(bitmap: ImageBitmap, maxSide: number): Promise<ImageData> {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = frameContext(w, h);
  ctx.drawImage(bitmap, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

export async function scanImageFile(file: Blob, decoder?: Decoder): Promise<string[]> {
  const d = decoder ?? (await pickDecoder());
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (e) {
    throw new ScannerError('IMAGE_UNREADABLE', 'the file is not an image this browser can read', { cause: e });
  }
  try {
    const found = await d.decode(await pixelsAt(bitmap, 2048));
    if (found.length > 0 || Math.max(bitmap.width, bitmap.height) <= 2048) return found;
    return await d.decode(await pixelsAt(bitmap, 4096));
  } finally {
    bitmap.close();
  }
}
