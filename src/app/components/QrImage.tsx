// A QR code as an <img> of the SVG from src/platform/qr, loaded on demand so the QR encoder is not
// in the initial bundle. An <img> (not inline markup) keeps the SVG inert.

import { useEffect, useState } from 'react';
import type { RenderedQr } from '../../platform/qr';

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function useRenderedQr(text: string | null): { qr: RenderedQr | null; error: unknown } {
  const [state, setState] = useState<{ text: string | null; qr: RenderedQr | null; error: unknown }>({ text: null, qr: null, error: null });
  useEffect(() => {
    if (text === null) return;
    let live = true;
    import('../../platform/qr').then(
      (m) => {
        try {
          const qr = m.renderQr(text);
          if (live) setState({ text, qr, error: null });
        } catch (error) {
          if (live) setState({ text, qr: null, error });
        }
      },
      (error: unknown) => live && setState({ text, qr: null, error }),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return state.text === text ? { qr: state.qr, error: state.error } : { qr: null, error: null };
}

export function QrImage({ text, alt, className = 'qr-img', testId }: { text: string; alt: string; className?: string; testId?: string }) {
  const { qr } = useRenderedQr(text);
  if (!qr) return <div className={className} style={{ aspectRatio: '1' }} aria-busy="true" />;
  return <img className={className} src={svgDataUrl(qr.svg)} alt={alt} data-testid={testId} width={qr.modules + 2 * qr.quietZone} height={qr.modules + 2 * qr.quietZone} />;
}
