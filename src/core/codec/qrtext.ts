// The text inside the QR code (docs/FORMAT.md §8): `<CODE BASE URL>/C#<BASE32 PAYLOAD>`, all
// upper-case so that everything but '#' is in QR alphanumeric mode (the densest mode for this
// text), or the bare base32 payload. The fragment is never sent to a server. Lower-case input
// (some scanners fold case) is accepted; what we produce is always upper-case.

import { decodeBase32, encodeBase32 } from '../base32';
import { fail } from '../errors';
import { LIMITS } from './limits';
import { checkCodeBaseUrl } from './policy';
import type { Bytes } from './types';

export type ParsedQrText =
  /** A Sanma URL or bare payload whose base32 decoded; the payload itself is not yet decoded. */
  | { kind: 'sanma'; base: string | null; payload: Bytes }
  /** Has the Sanma URL shape (…/C#…) but the fragment is not a payload: a damaged or forged code. */
  | { kind: 'sanma-malformed'; base: string; reason: string }
  | { kind: 'url'; url: string }
  | { kind: 'text'; text: string };

// scheme://host[:port][/path]/c#fragment ; case-insensitive; the base is what precedes "/c#".
const SANMA_URL = /^(https?:\/\/[a-z0-9.-]+(?::[0-9]{1,5})?(?:\/[a-z0-9.-]+)*)\/c#([^#]*)$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;
const BARE = /^[A-Z2-7]{16,}$/i;

// Folds a-z only. String.prototype.toUpperCase also maps 'ı' to 'I', 'ſ' to 'S' and 'ﬀ' to 'FF',
// which would let texts with look-alike characters decode to a genuine payload.
const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

export function stallCodeText(codeBaseUrl: string, payload: Bytes): string {
  checkCodeBaseUrl(codeBaseUrl);
  return `${codeBaseUrl}/C#${encodeBase32(payload)}`;
}

export function parseQrText(input: string): ParsedQrText {
  if (input.length > LIMITS.qrTextChars) fail('LIMIT_EXCEEDED', `QR text: ${input.length} characters > ${LIMITS.qrTextChars}`);
  const text = input.trim();
  const m = SANMA_URL.exec(text);
  if (m) {
    const base = asciiUpper(m[1]!);
    try {
      return { kind: 'sanma', base, payload: decodeBase32(asciiUpper(m[2]!), LIMITS.payloadBytes) };
    } catch (e) {
      return { kind: 'sanma-malformed', base, reason: e instanceof Error ? e.message : String(e) };
    }
  }
  if (BARE.test(text)) {
    try {
      return { kind: 'sanma', base: null, payload: decodeBase32(asciiUpper(text), LIMITS.payloadBytes) };
    } catch {
      return { kind: 'text', text };
    }
  }
  if (URL_LIKE.test(text)) return { kind: 'url', url: text };
  return { kind: 'text', text };
}

export interface QrSegment {
  data: string;
  mode: 'alphanumeric' | 'byte';
}

const ALNUM = /^[0-9A-Z $%*+\-./:]*$/;

/** Segments for the QR encoder so it uses alphanumeric mode wherever the text allows. */
export function qrSegments(text: string): QrSegment[] {
  const segments: QrSegment[] = [];
  for (const part of text.split(/(#)/)) {
    if (part === '') continue;
    segments.push({ data: part, mode: ALNUM.test(part) ? 'alphanumeric' : 'byte' });
  }
  return segments;
}
