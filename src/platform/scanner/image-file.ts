// Reading a code from a photo (从相册选择: the fallback when the camera is refused or busy). Phone
// photos are large (12 MP and more): first a copy at most 2,048 px on its long side (fast), then,
// if that shows no code, up to 4,096 px for a small code in a big picture. The image is decoded
// and scaled by the browser (createImageBitmap, EXIF orientation applied), each copy handed to the
// decoder worker as an ImageBitmap, so a 4000×3000 photo never blocks the page.
import { ScannerError, type Decoder, type DecoderInput } from './contract';
import { openDecoder } from './open-decoder';

/** A decoded photo, upright (EXIF orientation applied). */
export interface Photo {
  readonly width: number;
  readonly height: number;
  /** A copy scaled to width × height, for the decoder to take over. */
  scaled(width: number, height: number): Promise<DecoderInput>;
  close(): void;
}

/** Decodes the file, or rejects when it is not an image. */
export type OpenPhoto = (file: Blob) => Promise<Photo>;

const FIRST_TRY_MAX_SIDE = 2048;
const LAST_TRY_MAX_SIDE = 4096;

const openPhotoWithBitmap: OpenPhoto = async (file) => {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  return {
    width: bitmap.width,
    height: bitmap.height,
    scaled: (width, height) =>
      width === bitmap.width && height === bitmap.height
        ? createImageBitmap(bitmap)
        : createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' }),
    close: () => bitmap.close(),
  };
};

function fit(photo: Photo, maxSide: number): { w: number; h: number } {
  const scale = Math.min(1, maxSide / Math.max(photo.width, photo.height));
  return { w: Math.max(1, Math.round(photo.width * scale)), h: Math.max(1, Math.round(photo.height * scale)) };
}

export interface ScanImageOptions {
  decoder?: Decoder;
  open?: OpenPhoto;
}

/** Every code text in the photo; [] when none. IMAGE_UNREADABLE when the file is no image. */
export async function scanImageFile(file: Blob, opts: ScanImageOptions = {}): Promise<string[]> {
  const open = opts.open ?? openPhotoWithBitmap;
  // The decoder (its worker and .wasm) loads while the browser decodes the image.
  const decoding = opts.decoder ? Promise.resolve(opts.decoder) : openDecoder();
  let photo: Photo;
  try {
    photo = await open(file);
  } catch (e) {
    decoding.catch(() => undefined);
    throw new ScannerError('IMAGE_UNREADABLE', 'the file is not an image this browser can read', { cause: e });
  }
  try {
    if (photo.width < 1 || photo.height < 1) throw new ScannerError('IMAGE_UNREADABLE', `the image has no pixels (${photo.width}×${photo.height})`);
    const decoder = await decoding;
    const first = fit(photo, FIRST_TRY_MAX_SIDE);
    const found = await decoder.decode(await photo.scaled(first.w, first.h));
    if (found.length > 0 || Math.max(photo.width, photo.height) <= FIRST_TRY_MAX_SIDE) return found;
    const last = fit(photo, LAST_TRY_MAX_SIDE);
    return await decoder.decode(await photo.scaled(last.w, last.h));
  } finally {
    photo.close();
  }
}
