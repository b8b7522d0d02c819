import { describe, expect, it } from 'vitest';
import { pickLang } from './pick-lang';

describe('pickLang', () => {
  it('follows the browser’s first preferred language when the user never switched', () => {
    expect(pickLang(null, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(pickLang(null, ['zh-Hant-TW'])).toBe('zh-CN');
    expect(pickLang(null, ['zh'])).toBe('zh-CN');
    expect(pickLang(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(pickLang(null, ['fr-FR'])).toBe('en');
    expect(pickLang(null, ['zu'])).toBe('en'); // Zulu is not Chinese
  });
  it('keeps the user’s own switch over the browser’s preference', () => {
    expect(pickLang('en', ['zh-CN'])).toBe('en');
    expect(pickLang('zh-CN', ['en-US'])).toBe('zh-CN');
  });
  it('is Chinese with no preference, and ignores a stored value it does not know', () => {
    expect(pickLang(null, [])).toBe('zh-CN');
    expect(pickLang('fr', [])).toBe('zh-CN');
    expect(pickLang('fr', ['en-GB'])).toBe('en');
  });
});
