// Where Vite serves zxing-wasm's reader .wasm from our own bundle (hashed file name, precached by
// the service worker) instead of the package's CDN default. Imported lazily by pickDecoder.

import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export { wasmUrl };
