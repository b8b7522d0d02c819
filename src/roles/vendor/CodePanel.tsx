// The published code (docs/DESIGN.md §2 vendor step 4): its exact QR text, the poster in three print
// layouts at their real physical size (@page + mm), the 0.4 mm module warning, SVG and PNG
// downloads, and a full-screen "show on screen" mode that keeps the screen on.

import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { checkPrintSize } from '../../platform/qr';
import { useI18n } from '../../app/i18n';
import { svgDataUrl, useRenderedQr } from '../../app/components/QrImage';
import { Icon } from '../../app/components/icons';
import { LAYOUTS, formatMm, pageCss, posterSvg, type PosterLayout } from './poster';
import { CodeBox } from '../../app/components/CodeBox';

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The poster drawn to a PNG at about 300 dpi (12 px per mm), capped by canvas limits. */
async function posterPng(svg: string, widthMm: number, heightMm: number): Promise<Blob> {
  const scale = Math.min(12, 8192 / Math.max(widthMm, heightMm));
  const w = Math.round(widthMm * scale);
  const h = Math.round(heightMm * scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function CodePanel({ text, stallNo, stallName }: { text: string; stallNo: string; stallName: string }) {
  const { t } = useI18n();
  const { qr, error } = useRenderedQr(text);
  const [layout, setLayout] = useState<PosterLayout>('a4');
  const [fullscreen, setFullscreen] = useState(false);
  const layoutId = useId();

  if (error) {
    return (
      <section className="card">
        <p className="notice bad" role="alert">
          {String(error)}
        </p>
      </section>
    );
  }

  const L = LAYOUTS[layout];
  const poster = qr ? posterSvg(layout, qr, { header: t.posterScanToVerify, stallNo, stallName, scanHint: t.posterScanHint, footer: t.posterFooter }) : null;
  const check = qr ? checkPrintSize(qr.modules, L.qrMm, qr.quietZone) : null;
  const layoutName: Record<PosterLayout, string> = { a4: t.layoutA4, a6: t.layoutA6, receipt: t.layoutReceipt };

  return (
    <section className="card" aria-labelledby="code-heading" data-testid="code-panel">
      <h2 id="code-heading">{t.codeTitle}</h2>
      {qr && (
        <>
          <img className="qr-img" src={svgDataUrl(qr.svg)} alt={`${t.codeTitle} ${stallNo}`} data-testid="code-qr" style={{ margin: '0 auto' }} />
          <p className="hint">{t.codeMeta(qr.version, qr.modules, text.length)}</p>
        </>
      )}
      <CodeBox text={text} label={t.codeTitle} testId="code-text" />
      <div className="btn-row">
        <button type="button" className="btn primary" onClick={() => setFullscreen(true)} data-testid="show-on-screen">
          {t.showOnScreen}
        </button>
      </div>

      <h3>{t.printTitle}</h3>
      <fieldset>
        <legend id={layoutId}>{t.printLayout}</legend>
        <div className="choice-row" role="radiogroup" aria-labelledby={layoutId}>
          {(Object.keys(LAYOUTS) as PosterLayout[]).map((l) => (
            <label key={l} className="choice">
              <input type="radio" name="poster-layout" value={l} checked={layout === l} onChange={() => setLayout(l)} data-testid={`layout-${l}`} />
              {layoutName[l]}
            </label>
          ))}
        </div>
      </fieldset>
      {check && (
        <p className={`notice ${check.tooSmall ? 'bad' : 'ok'}`} data-testid="module-size" data-too-small={check.tooSmall}>
          <Icon kind={check.tooSmall ? 'bad' : 'ok'} />
          <span>{check.tooSmall ? t.moduleTooSmall(formatMm(check.moduleMm), String(Math.ceil(check.minPrintWidthMm))) : t.moduleSize(formatMm(check.moduleMm))}</span>
        </p>
      )}
      {poster && (
        <>
          <div className="poster-preview">
            <img src={svgDataUrl(poster)} alt={`${layoutName[layout]}: ${stallNo} ${stallName}`} style={{ width: '100%', maxWidth: `${Math.min(20, L.widthMm / 10)}rem`, background: '#fff' }} data-testid="poster-preview" />
          </div>
          <div className="btn-row">
            <button type="button" className="btn primary" onClick={() => window.print()} data-testid="print-button">
              {t.printButton}
            </button>
            <button type="button" className="btn" onClick={() => download(`sanma-${stallNo}-${layout}.svg`, new Blob([poster], { type: 'image/svg+xml' }))} data-testid="download-svg">
              {t.downloadSvg}
            </button>
            <button type="button" className="btn" onClick={async () => download(`sanma-${stallNo}-${layout}.png`, await posterPng(poster, L.widthMm, L.heightMm))} data-testid="download-png">
              {t.downloadPng}
            </button>
          </div>
          {/* What window.print() prints: only this, at the layout's physical size. */}
          {createPortal(
            <div className="print-area" aria-hidden="true">
              <style>{pageCss(layout)}</style>
              <img src={svgDataUrl(poster)} alt="" />
            </div>,
            document.body,
          )}
        </>
      )}
      {fullscreen && qr && <FullScreenCode svg={qr.svg} stallNo={stallNo} stallName={stallName} onClose={() => setFullscreen(false)} />}
    </section>
  );
}

function FullScreenCode({ svg, stallNo, stallName, onClose }: { svg: string; stallNo: string; stallName: string; onClose: () => void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [wake, setWake] = useState(false);

  useEffect(() => {
    closeRef.current?.focus();
    let lock: WakeLockSentinel | null = null;
    let live = true;
    const acquire = async () => {
      try {
        if ('wakeLock' in navigator && document.visibilityState === 'visible') {
          lock = await navigator.wakeLock.request('screen');
          if (live) setWake(true);
          lock.addEventListener('release', () => live && setWake(false));
        }
      } catch {
        // Refused (battery saver) or unsupported: the hint still tells the vendor what to do.
      }
    };
    void acquire();
    // A wake lock is released when the page is hidden; take it again when the vendor comes back.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void acquire();
    };
    document.addEventListener('visibilitychange', onVisible);
    document.documentElement.requestFullscreen?.().catch(() => {});
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      live = false;
      void lock?.release().catch(() => {});
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('keydown', onKey);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    };
  }, [onClose]);

  return (
    <div className="fullscreen-code" role="dialog" aria-modal="true" aria-label={`${t.codeTitle} ${stallNo}`} data-testid="fullscreen-code">
      <span className="stall-no">{stallNo}</span>
      <span>{stallName}</span>
      <img className="qr-img" src={svgDataUrl(svg)} alt={`${t.codeTitle} ${stallNo}`} />
      <p className="hint">
        {t.showOnScreenHint}
        {wake ? ` ${t.wakeLockOn}` : ''}
      </p>
      <button ref={closeRef} type="button" className="btn" onClick={onClose}>
        {t.close}
      </button>
    </div>
  );
}
