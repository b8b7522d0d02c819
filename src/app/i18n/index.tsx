// Language state: the browser's preferred language (Chinese or English, see pick-lang.ts) until
// the user switches; the switch is kept in localStorage and mirrored to <html lang> so screen
// readers pick the right voice and fonts the right glyphs.

import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../format';
import { MESSAGES, type Messages } from './messages';
import { pickLang } from './pick-lang';

export type { Lang, Messages };
export { MESSAGES };

const STORAGE_KEY = 'sanma.lang';

function readStoredLang(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode): the browser's preference decides
  }
}

function startLang(): Lang {
  return pickLang(readStoredLang(), navigator.languages ?? [navigator.language]);
}

interface I18nValue {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(startLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = lang === 'zh-CN' ? '三码合一 Sanma' : 'Sanma 三码合一';
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this visit only.
    }
  }, []);

  const value = useMemo(() => ({ lang, t: MESSAGES[lang], setLang }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18nValue {
  const v = use(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
