// /c#<payload> and /C#<payload>: a phone camera (or WeChat / Alipay scanner) opened the stall
// code's URL. Verify at once. The fragment is read from location only, and it is never sent:
// the only request it leads to is the block header at the height it claims.

import { useEffect } from 'react';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useVerification } from '../../app/useVerification';
import { VerdictPanel } from '../../app/components/VerdictPanel';
import { ScanIcon } from '../../app/components/icons';

/** The QR text as the shopper's camera read it: this page's URL (any case), without query. */
export function codeTextFromLocation(origin: string, pathname: string, fragment: string): string {
  return `${origin}${pathname}#${fragment}`;
}

export default function CodeScreen({ fragment }: { fragment: string }) {
  const { t } = useI18n();
  const { state, verify } = useVerification({ syncBudgetMs: 4000, remember: true });

  useEffect(() => {
    void verify(codeTextFromLocation(window.location.origin, window.location.pathname, fragment));
  }, [fragment, verify]);

  return (
    <section>
      {state.phase !== 'done' && <h1 className="visually-hidden">{t.verdictTitle}</h1>}
      <VerdictPanel
        state={state}
        actions={
          <div className="btn-row">
            <Link className="btn primary big" href="/shopper?scan=1" data-testid="scan-again">
              <ScanIcon />
              {t.scanAgain}
            </Link>
          </div>
        }
      />
    </section>
  );
}
