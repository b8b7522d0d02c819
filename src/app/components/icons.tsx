// Status icons. Each verdict and check status has its own SHAPE (circle-check, triangle-!,
// octagon-x, square-?), so the status reads without colour; the word is always shown beside it.

import type { CheckStatus, VerdictStatus } from '../../core';

type IconKind = 'ok' | 'warn' | 'bad' | 'unknown' | 'info';

// The shape takes currentColor; the mark inside it takes --icon-mark, so an icon on a coloured
// banner (white shape) keeps its mark visible in the banner's colour.
const MARK_STROKE = { stroke: 'var(--icon-mark, #fff)' };
const MARK_FILL = { fill: 'var(--icon-mark, #fff)' };
const WARN_STROKE = { stroke: 'var(--icon-mark, #111)' };
const WARN_FILL = { fill: 'var(--icon-mark, #111)' };

export function Icon({ kind, className = 'status-icon' }: { kind: IconKind; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {kind === 'ok' && (
        <>
          <circle cx="12" cy="12" r="11" fill="currentColor" />
          <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" style={MARK_STROKE} strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
        </>
      )}
      {kind === 'warn' && (
        <>
          <path d="M12 1.5L23 21.5H1z" fill="currentColor" stroke="#111" strokeWidth="1" strokeLinejoin="round" />
          <path d="M12 8v6.5" style={WARN_STROKE} strokeWidth="2.6" strokeLinecap="round" />
          <circle cx="12" cy="18" r="1.5" style={WARN_FILL} />
        </>
      )}
      {kind === 'bad' && (
        <>
          <path d="M7.3 1h9.4L23 7.3v9.4L16.7 23H7.3L1 16.7V7.3z" fill="currentColor" />
          <path d="M8 8l8 8M16 8l-8 8" style={MARK_STROKE} strokeWidth="2.6" strokeLinecap="round" />
        </>
      )}
      {kind === 'unknown' && (
        <>
          <rect x="1.5" y="1.5" width="21" height="21" rx="4" fill="currentColor" />
          <path d="M9 9.2a3 3 0 1 1 4.3 2.7c-.8.4-1.3 1-1.3 1.9v.7" fill="none" style={MARK_STROKE} strokeWidth="2.4" strokeLinecap="round" />
          <circle cx="12" cy="18" r="1.5" style={MARK_FILL} />
        </>
      )}
      {kind === 'info' && (
        <>
          <circle cx="12" cy="12" r="11" fill="currentColor" />
          <path d="M12 10.5v7" style={MARK_STROKE} strokeWidth="2.6" strokeLinecap="round" />
          <circle cx="12" cy="6.8" r="1.6" style={MARK_FILL} />
        </>
      )}
    </svg>
  );
}

export const VERDICT_ICON: Record<VerdictStatus, IconKind> = { verified: 'ok', warning: 'warn', invalid: 'bad', 'unknown-market': 'unknown', 'not-sanma': 'unknown' };
export const VERDICT_TONE: Record<VerdictStatus, 'ok' | 'warn' | 'bad' | 'neutral'> = { verified: 'ok', warning: 'warn', invalid: 'bad', 'unknown-market': 'neutral', 'not-sanma': 'neutral' };
export const CHECK_ICON: Record<CheckStatus, IconKind> = { pass: 'ok', unknown: 'warn', fail: 'bad' };

export function ScanIcon({ className = 'status-icon' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M3 8V4.5A1.5 1.5 0 0 1 4.5 3H8M16 3h3.5A1.5 1.5 0 0 1 21 4.5V8M21 16v3.5a1.5 1.5 0 0 1-1.5 1.5H16M8 21H4.5A1.5 1.5 0 0 1 3 19.5V16M3 12h18" />
    </svg>
  );
}

export function RoleIcon({ role, className = 'role-icon' }: { role: 'shopper' | 'vendor' | 'inspector'; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round">
      {role === 'shopper' && (
        <>
          <path d="M6 8h6l5 22h20l5-15H15" />
          <circle cx="19" cy="38" r="3" />
          <circle cx="35" cy="38" r="3" />
        </>
      )}
      {role === 'vendor' && (
        <>
          <path d="M5 18l4-10h30l4 10" />
          <path d="M5 18c0 3 2.5 5 5 5s5-2 5-5c0 3 2.5 5 5 5s4-2 4-5c0 3 2 5 4.5 5s4.5-2 4.5-5c0 3 2.5 5 5 5s5-2 5-5" />
          <path d="M9 23v17h30V23M20 40V30h8v10" />
        </>
      )}
      {role === 'inspector' && (
        <>
          <rect x="9" y="7" width="26" height="34" rx="3" />
          <path d="M16 7V4h12v3M15 18h14M15 25h10" />
          <circle cx="33" cy="33" r="6" />
          <path d="M37.5 37.5L43 43" />
        </>
      )}
    </svg>
  );
}
