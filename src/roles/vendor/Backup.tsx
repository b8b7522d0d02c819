// Key backup (docs/DESIGN.md §2: "private key never leaves it; explicit backup/export only"): nothing is
// shown or saved until the vendor asks, with a plain warning about what the key allows.

import { useState } from 'react';
import { toHex } from '../../core';
import type { VendorKey } from '../../platform/store';
import { useI18n } from '../../app/i18n';
import { groupHex } from '../../app/format';
import { CopyButton } from '../../app/components/CopyButton';
import { Icon } from '../../app/components/icons';
import { CodeBox } from '../../app/components/CodeBox';

/** The backup file: JSON, so a future import screen (and a human) can read it. */
function backupFile(key: VendorKey, stallNo: string): string {
  return `${JSON.stringify({ format: 'sanma-vendor-key/v1', stallNo, publicKey: toHex(key.publicKey), secretKey: toHex(key.secretKey), createdAt: new Date(key.createdAt).toISOString() }, null, 2)}\n`;
}

export function Backup({ vendorKey, stallNo }: { vendorKey: VendorKey; stallNo: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const secretHex = shown ? toHex(vendorKey.secretKey) : '';

  const save = () => {
    const blob = new Blob([backupFile(vendorKey, stallNo)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `sanma-key-${stallNo || 'vendor'}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <details className="card" data-testid="backup">
      <summary>
        <h2 style={{ display: 'inline' }}>{t.backupTitle}</h2>
      </summary>
      <p className="notice warn">
        <Icon kind="warn" />
        <span>{t.backupIntro}</span>
      </p>
      <div className="btn-row">
        <button type="button" className="btn" aria-expanded={shown} onClick={() => setShown((x) => !x)} data-testid="backup-reveal">
          {shown ? t.backupHide : t.backupReveal}
        </button>
        <button type="button" className="btn" onClick={save} data-testid="backup-download">
          {t.backupDownload}
        </button>
      </div>
      {shown && (
        <>
          <CodeBox text={groupHex(secretHex)} label={t.backupTitle} testId="backup-secret" />
          <CopyButton text={secretHex} />
        </>
      )}
    </details>
  );
}
