// One polite live region for the whole app, mounted before anything is announced (a region
// created together with its text is often not read). Screens call announce(text).

import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(text: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback((next: string) => {
    // Clear first so the same sentence twice (two scans of equal verdicts) is read twice.
    setText('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setText(next), 100);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {text}
      </div>
    </AnnounceContext>
  );
}

export function useAnnounce(): (text: string) => void {
  return use(AnnounceContext);
}
