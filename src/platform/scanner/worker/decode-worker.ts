// Entry of the decoder Web Worker (a module worker: its decoders are lazy chunks of their own).
// Decoding a frame takes 10–50 ms with zxing-wasm and up to a few hundred with the JavaScript
// fallback; here it never blocks the page's UI.
import { pickDecoder } from '../pick-decoder';
import type { FromWorker, MessageEnd } from './protocol';
import { serveDecoder } from './serve';

// The app's tsconfig has the DOM's types, not the worker's: `self` is the worker's global scope.
serveDecoder(self as unknown as MessageEnd<FromWorker>, (order) => pickDecoder(order ? { order } : {}));
