// Test helper: turns the SVG of renderQr (one path of `M x y h w v1 h-w z` runs) back into RGBA
// pixels, so decoders can read what we print without a browser.

export function svgToPixels(svg: string, scale: number): ImageData {
  const side = Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
  const px = side * scale;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  const d = /<path d="([^"]*)"/.exec(svg)![1]!;
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let yy = y * scale; yy < (y + 1) * scale; yy++) {
      for (let xx = x * scale; xx < (x + w) * scale; xx++) {
        const i = (yy * px + xx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, width: px, height: px, colorSpace: 'srgb' } as ImageData;
}
