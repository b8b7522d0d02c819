// The fork alarm: two different quorum-signed headers at one height are proof that validators
// signed conflicting histories. Shown on every role screen, in red, while the evidence stands
// (verdicts on the chain are never green meanwhile, src/core/verify/verify.ts): what conflicts,
// and the evidence to hand the market office as a file or a QR code.

import { useEffect, useState } from 'react';
import type { StoredForkEvidence } from '../../platform/store/contract';
import { forkReportJson, forkReportQrText, forkSides } from '../../platform/ledger/fork-report';
import { useI18n } from '../i18n';
import { useAppEvent } from '../hooks';
import { getStore } from '../services';
import { formatDateTime } from '../format';
import { Icon } from './icons';
import { QrImage } from './QrImage';

export default function ForkAlarm() {
  const { t, lang } = useI18n();
  const changed = useAppEvent('data-changed');
  const [list, setList] = useState<StoredForkEvidence[]>([]);
  const [showQr, setShowQr] = useState(false);
  useEffect(() => {
    let live = true;
    getStore()
      .then(({ store }) => store.listForkEvidence())
      .then(
        (l) => live && setList(l),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [changed]);
  const first = [...list].sort((a, b) => a.height - b.height)[0];
  if (!first) return null;
  const { ours, theirs } = forkSides(first);
  const save = () => {
    const url = URL.createObjectURL(new Blob([forkReportJson(first)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `sanma-fork-${first.height}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="banner alarm" role="alert" data-testid="fork-alarm">
      <Icon kind="bad" />
      <div>
        <h2>{t.forkTitle}</h2>
        <p>{t.forkBody(first.height)}</p>
        <ul className="fork-sides" data-testid="fork-sides">
          {[ours, theirs].map((s) => (
            <li key={s.hash}>
              {t.forkSide(s.hash.slice(0, 16), formatDateTime(s.time, lang), s.recordCount)}
            </li>
          ))}
        </ul>
        <div className="btn-row">
          <button type="button" className="btn" onClick={save} data-testid="fork-export">
            {t.forkExport}
          </button>
          <button type="button" className="btn" aria-expanded={showQr} onClick={() => setShowQr((x) => !x)} data-testid="fork-qr-toggle">
            {t.forkShowQr}
          </button>
        </div>
        {showQr && <QrImage text={forkReportQrText(first)} alt={t.forkTitle} />}
      </div>
    </div>
  );
}
