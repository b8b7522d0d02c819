// Which language the UI starts in: the user's own switch if they used it (kept in localStorage),
// else the browser's first preferred language (navigator.languages, RFC 5646 tags): any Chinese
// (zh, zh-CN, zh-Hant-TW, …) → Chinese, anything else → English; with no preference at all,
// zh-CN (the markets are in China). WeChat's and Alipay's browsers report the app's language.

import type { Lang } from '../format';

export function pickLang(stored: string | null, preferred: readonly string[]): Lang {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  const first = preferred.find((tag) => tag.trim() !== '');
  if (first === undefined) return 'zh-CN';
  return /^zh(-|$)/i.test(first.trim()) ? 'zh-CN' : 'en';
}
