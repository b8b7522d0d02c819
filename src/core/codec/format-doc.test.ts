// docs/FORMAT.md is a specification a newcomer implements a verifier from, so every example in it
// must be exactly what the code produces. This re-derives each worked example, the size tables and
// the vectors in test/vectors/sanma/ from the fixtures and compares them byte for byte. After a
// deliberate format change: node --import tsx test/vectors/sanma/generate.ts

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hexOfBlock } from '../../../test/vectors/sanma/annotate';
import { deriveExamples, derivePayloadVectors, deriveTypical, deriveVerdictVectors, type TypicalDerivation } from '../../../test/vectors/sanma/derive';
import { exampleBlocks, generatedRegions } from '../../../test/vectors/sanma/doc-blocks';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const doc = read('../../../docs/FORMAT.md');
const blocks = exampleBlocks(doc);
const examples = deriveExamples();

describe('worked examples in docs/FORMAT.md', () => {
  it.each(examples.map((e) => [e.name, e] as const))('%s matches the code byte for byte', (name, example) => {
    const found = blocks.filter((b) => b.name === name);
    expect(found, `FORMAT.md needs one block \`\`\`${example.lang} example=${name}`).toHaveLength(1);
    const block = found[0]!;
    expect(block.lang).toBe(example.lang);
    if (example.lang === 'hex') expect(hexOfBlock(block.content)).toBe(example.value);
    else expect(block.content).toBe(example.value);
  });

  it('names no example the code does not derive', () => {
    const known = new Set(examples.map((e) => e.name));
    expect(blocks.map((b) => b.name).filter((n) => !known.has(n))).toEqual([]);
  });

  it('annotated hex blocks contain only hex before each comment', () => {
    for (const b of blocks.filter((x) => x.lang === 'hex')) expect(hexOfBlock(b.content)).toMatch(/^([0-9a-f]{2})+$/);
  });
});

describe('the typical stall code', () => {
  let typical: TypicalDerivation;
  beforeAll(() => {
    typical = deriveTypical(); // typicalNetwork(1000): ~4 s
  });

  it('the size table and the comparison in FORMAT.md §11 are the measured ones', () => {
    const regions = generatedRegions(doc);
    expect(regions.get('size-table')).toBe(typical.sizeTable);
    expect(regions.get('comparison')).toBe(typical.comparisonTable);
    // The prose of §1 and §11 quotes these numbers.
    // Format 2 adds the registration reference (2 bytes) to the code: 629 bytes, QR version 22,
    // within the budget of 700 bytes and version 23 at level M.
    expect(typical.vector.payloadBytes).toBe(629);
    expect(typical.vector.qrVersionM).toBe(22);
    expect(typical.vector.payloadBytes).toBeLessThanOrEqual(700);
    expect(typical.vector.qrVersionM).toBeLessThanOrEqual(23);
    expect(typical.comparisonTable).toContain('| JSON + base64url | 1297 | 1754 | byte | 35 |');
    expect(typical.comparisonTable).toContain('| CBOR (string keys) + base45 | 1021 |');
    expect(typical.comparisonTable).toContain('| CBOR (integer keys) + base45 | 751 |');
    expect(typical.comparisonTable).toMatch(/\| CBOR \(string keys\) \+ base45 \| 1021 \| \d+ \| [a-z +]+ \| 27 \|/);
    expect(typical.comparisonTable).toMatch(/\| CBOR \(integer keys\) \+ base45 \| 751 \| \d+ \| [a-z +]+ \| 23 \|/);
  });

  it('test/vectors/sanma/typical-stall-code.json is the fixture\'s code', () => {
    expect(JSON.parse(read('../../../test/vectors/sanma/typical-stall-code.json'))).toEqual(typical.vector);
  });
});

it('test/vectors/sanma/payload-vectors.json is derived from the example payload', () => {
  expect(JSON.parse(read('../../../test/vectors/sanma/payload-vectors.json'))).toEqual(derivePayloadVectors());
});

it('test/vectors/sanma/verdict-vectors.json is derived from the fixtures', () => {
  expect(JSON.parse(read('../../../test/vectors/sanma/verdict-vectors.json'))).toEqual(deriveVerdictVectors());
});
