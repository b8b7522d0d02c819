// Chooses the decoder in the calling thread (docs/DESIGN.md §6 "Measure, don't assume"): the browser's
// native BarcodeDetector where it decodes QR, else zxing-wasm with the .wasm from our bundle, else
// @zxing/library when the .wasm cannot load (CSP, iOS Lockdown Mode). Each is loaded only when
// tried (separate chunks), and the choice is memoised. The app calls it inside the decoder worker
// (open-decoder.ts); unit tests call it directly.

import { ScannerError, type Decoder, type DecoderName } from './contract';

export type DecoderFactory = () => Promise<Decoder | null>;

export const DEFAULT_ORDER: readonly DecoderName[] = ['native', 'zxing-wasm', 'zxing-js'];

const BROWSER_FACTORIES: Partial<Record<DecoderName, DecoderFactory>> = {
  native: async () => (await import('./decoders/native')).createNativeDecoder(),
  'zxing-wasm': async () => {
    const [{ createZxingWasmDecoder }, { wasmUrl }] = await Promise.all([import('./decoders/zxing-wasm'), import('./decoders/zxing-wasm-url')]);
    return createZxingWasmDecoder({ wasmUrl });
  },
  'zxing-js': async () => (await import('./decoders/zxing-js')).createZxingJsDecoder(),
};

let chosen: Promise<Decoder> | null = null;

export interface PickDecoderOptions {
  order?: readonly DecoderName[];
  /** Replaces the loaders (tests). */
  factories?: Partial<Record<DecoderName, DecoderFactory>>;
  /** Called for each decoder that could not be loaded (diagnostics). */
  onSkip?: (name: DecoderName, error: unknown) => void;
}

async function pick(opts: PickDecoderOptions): Promise<Decoder> {
  const factories = { ...BROWSER_FACTORIES, ...opts.factories };
  for (const name of opts.order ?? DEFAULT_ORDER) {
    try {
      const d = await factories[name]?.();
      if (d) return d;
      opts.onSkip?.(name, null);
    } catch (e) {
      opts.onSkip?.(name, e);
    }
  }
  throw new ScannerError('DECODER_UNAVAILABLE', 'no QR decoder could be loaded');
}

/** The best available decoder. Without options the result is memoised for the page's life. */
export function pickDecoder(opts?: PickDecoderOptions): Promise<Decoder> {
  if (opts) return pick(opts);
  chosen ??= pick({}).catch((e: unknown) => {
    chosen = null; // let a later call try again (e.g. the .wasm was not cached yet)
    throw e;
  });
  return chosen;
}
