// WHATWG Encoding (TextEncoder/TextDecoder) is present in every runtime the core runs in
// (browsers, workers, Node). Declared here so the core's realm needs neither the DOM lib
// nor @types/node.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
