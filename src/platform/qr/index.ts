// QR adapter: SVG rendering for print and screen (pure), print-size checks, PNG export (browser).
export * from './contract';
export { renderQr } from './render';
export { physicalModuleMm, checkPrintSize } from './print-size';
export { toPngBlob } from './png-export';
