// Runs test/vectors/sanma/payload-vectors.json, the decoder vectors FORMAT.md §13 offers to other
// implementations: each valid vector decodes and re-encodes to the same bytes, each invalid one
// fails with exactly its error code. Unknown keys or codes in the file fail the run, so a typo
// in a vector cannot pass silently.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/fuzz/mutate';
import { fromHex, toHex } from '../bytes';
import type { CoreErrorCode } from '../errors';
import { decodePayload, encodePayload } from './payload';

interface Vector {
  description: string;
  hex: string;
  valid: boolean;
  error?: string;
}
const vectors = JSON.parse(readFileSync(new URL('../../../test/vectors/sanma/payload-vectors.json', import.meta.url), 'utf8')) as Vector[];
const KNOWN_KEYS = new Set(['description', 'hex', 'valid', 'error']);
const EXPECTABLE: CoreErrorCode[] = ['TRUNCATED', 'TRAILING_BYTES', 'NON_CANONICAL', 'LIMIT_EXCEEDED', 'BAD_VALUE', 'BAD_VERSION', 'BAD_UTF8'];

describe('payload vectors', () => {
  it('has valid and invalid vectors, with only known keys and codes', () => {
    expect(vectors.filter((v) => v.valid).length).toBeGreaterThanOrEqual(1);
    expect(vectors.filter((v) => !v.valid).length).toBeGreaterThanOrEqual(15);
    for (const v of vectors) {
      expect(Object.keys(v).filter((k) => !KNOWN_KEYS.has(k))).toEqual([]);
      expect(v.valid ? v.error : EXPECTABLE.includes(v.error as CoreErrorCode)).toBe(v.valid ? undefined : true);
    }
  });

  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_, v) => {
    const bytes = fromHex(v.hex);
    if (v.valid) {
      const { record: _record, ...p } = decodePayload(bytes);
      expect(toHex(encodePayload(p))).toBe(v.hex);
    } else {
      expect(codeOf(() => decodePayload(bytes))).toBe(v.error);
    }
  });
});
