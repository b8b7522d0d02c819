// The fork alarm (DESIGN §3): two different quorum-signed headers at one height are proof that
// validators signed conflicting histories. Shown on every role screen, in red, until resolved.

import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { useAppEvent } from '../hooks';
import { getStore } from '../services';
import { Icon } from './icons';

export default function ForkAlarm() {
  const { t } = useI18n();
  const changed = useAppEvent('data-changed');
  const [heights, setHeights] = useState<number[]>([]);
  useEffect(() => {
    let live = true;
    getStore()
      .then(({ store }) => store.listForkEvidence())
      .then(
        (list) => live && setHeights(list.map((f) => f.height)),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [changed]);
  if (heights.length === 0) return null;
  return (
    <div className="banner alarm" role="alert" data-testid="fork-alarm">
      <Icon kind="bad" />
      <div>
        <h2>{t.forkTitle}</h2>
        <p>{t.forkBody(Math.min(...heights))}</p>
      </div>
    </div>
  );
}
