// The age of every cache the verdicts rest on, in words, colour AND icon, with a warning past
// the policy's limits (docs/DESIGN.md §1: "always shows how old each cache is").

import type { CacheSummary } from '../services';
import { useI18n } from '../i18n';
import { ageSeconds, formatAge, formatAgo, freshness, type Freshness } from '../format';
import { Icon } from './icons';

const TONE: Record<Freshness, { tone: string; icon: 'ok' | 'warn' | 'bad' | 'unknown' }> = {
  fresh: { tone: 'ok', icon: 'ok' },
  aging: { tone: 'warn', icon: 'warn' },
  stale: { tone: 'bad', icon: 'bad' },
  never: { tone: 'bad', icon: 'unknown' },
};

export function CacheStatus({ summary, now, title }: { summary: CacheSummary; now: number; title?: string }) {
  const { t, lang } = useI18n();
  const policy = summary.policy;
  const rows: { id: string; label: string; at: number | null; limit: number | null }[] = [
    { id: 'headers', label: t.cacheHeaders, at: summary.sync.headersSyncedAt, limit: policy?.maxHeaderAgeSeconds ?? null },
    { id: 'revocations', label: t.cacheRevocations, at: summary.sync.revocationsSyncedAt, limit: policy?.maxRevocationAgeSeconds ?? null },
    { id: 'policy', label: t.cachePolicy, at: summary.policyFetchedAt, limit: null },
  ];
  const word: Record<Freshness, string> = { fresh: t.freshFresh, aging: t.freshAging, stale: t.freshStale, never: t.freshNever };
  let anyStale = false;
  return (
    <section className="card" aria-labelledby="cache-heading" data-testid="cache-status">
      <h2 id="cache-heading">{title ?? t.cacheTitle}</h2>
      <ul className="cache-list">
        {rows.map((r) => {
          const age = ageSeconds(r.at, now);
          const f: Freshness = r.limit === null ? (age === null ? 'never' : 'fresh') : freshness(age, r.limit);
          if (f === 'stale' || f === 'never') anyStale = true;
          return (
            <li key={r.id} data-testid={`cache-${r.id}`} data-freshness={f}>
              <div>
                <strong>{r.label}</strong>
                <br />
                <span>{age === null ? t.cacheNever : t.cacheUpdated(formatAgo(age, lang))}</span>
                {r.limit !== null && <span className="hint"> · {t.cacheLimit(formatAge(r.limit, lang))}</span>}
              </div>
              <span className={`pill ${TONE[f].tone}`}>
                <Icon kind={TONE[f].icon} />
                {word[f]}
              </span>
            </li>
          );
        })}
      </ul>
      {summary.tipHeight !== null && <p className="hint">{t.cacheTip(summary.tipHeight)}</p>}
      {anyStale && (
        <div className="notice warn" role="note">
          <Icon kind="warn" />
          <p>{t.cacheStaleWarning}</p>
        </div>
      )}
    </section>
  );
}
