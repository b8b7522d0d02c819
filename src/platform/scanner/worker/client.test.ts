// The worker-backed decoder against the real worker code (serve.ts) over a real MessageChannel,
// with the real zxing-wasm decoder on the other side: frames cross by transfer (the caller's
// buffer is detached, not copied), texts come back, a worker with no decoder or one that crashes
// gives DECODER_UNAVAILABLE.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { typicalNetwork } from '../../../../test/fixtures/network';
import { renderQr } from '../../qr/render';
import { svgToPixels } from '../../qr/rasterize.testing';
import { createZxingJsDecoder } from '../decoders/zxing-js';
import { createZxingWasmDecoder } from '../decoders/zxing-wasm';
import { pickDecoder } from '../pick-decoder';
import { createWorkerDecoder } from './client';
import type { FromWorker, MessageEnd, ToWorker } from './protocol';
import { serveDecoder } from './serve';

const { net, block, index } = typicalNetwork(64);
const text = net.codeText(block, index).text;

function wasmBinary(): ArrayBuffer {
  const b = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A "worker" on the far end of a MessageChannel, running the worker's own code. */
function channelWorker() {
  const channel = new MessageChannel();
  channels.push(channel);
  channel.port1.start();
  channel.port2.start();
  serveDecoder(channel.port2 as unknown as MessageEnd<FromWorker>, (order) =>
    pickDecoder({
      order: order ?? ['zxing-wasm', 'zxing-js'],
      factories: {
        'zxing-wasm': () => createZxingWasmDecoder({ wasmBinary: wasmBinary() }),
        'zxing-js': async () => createZxingJsDecoder(),
      },
    }),
  );
  return channel.port1 as unknown as MessageEnd<ToWorker>;
}

describe('createWorkerDecoder', () => {
  it('reads a stall code in the worker; the frame is transferred, not copied', async () => {
    const d = await createWorkerDecoder({ port: channelWorker() });
    expect(d.name).toBe('zxing-wasm');
    const frame = svgToPixels(renderQr(text).svg, 4);
    expect(await d.decode(frame)).toEqual([text]);
    expect(frame.data.byteLength, "the caller's pixels moved to the worker").toBe(0);
    const blank = { data: new Uint8ClampedArray(100 * 100 * 4).fill(255), width: 100, height: 100 } as ImageData;
    expect(await d.decode(blank, 'quick')).toEqual([]);
  });

  it('runs the JavaScript fallback where WebAssembly is refused', async () => {
    const d = await createWorkerDecoder({ port: channelWorker(), order: ['zxing-js'] });
    expect(d.name).toBe('zxing-js');
    expect(await d.decode(svgToPixels(renderQr(text).svg, 4))).toEqual([text]);
  });

  it('a worker with no decoder, or one that stops, gives DECODER_UNAVAILABLE', async () => {
    await expect(createWorkerDecoder({ port: channelWorker(), order: ['native'] })).rejects.toMatchObject({ code: 'DECODER_UNAVAILABLE' });
    let crash!: (m: string) => void;
    const d = await createWorkerDecoder({ port: channelWorker(), onCrash: (l) => (crash = l) });
    const pending = d.decode(svgToPixels(renderQr(text).svg, 4));
    crash('out of memory');
    await expect(pending).rejects.toMatchObject({ code: 'DECODER_UNAVAILABLE' });
    await expect(d.decode(svgToPixels(renderQr(text).svg, 4))).rejects.toMatchObject({ code: 'DECODER_UNAVAILABLE' });
  });
});
