// Writes the generated parts of docs/FORMAT.md (worked examples, size tables) and the vectors in
// test/vectors/sanma/ from the fixtures. Run after a deliberate format change:
//   node --import tsx test/vectors/sanma/generate.ts
// src/core/codec/format-doc.test.ts fails until the document and the vectors match the code again.

import { readFileSync, writeFileSync } from 'node:fs';
import { deriveExamples, derivePayloadVectors, deriveTypical, deriveVerdictVectors } from './derive';
import { fillExample, fillRegion } from './doc-blocks';

const FORMAT_MD = new URL('../../../docs/FORMAT.md', import.meta.url);
const here = (name: string): URL => new URL(name, import.meta.url);

let doc = readFileSync(FORMAT_MD, 'utf8');
for (const e of deriveExamples()) doc = fillExample(doc, e.name, e.block);
const typical = deriveTypical();
doc = fillRegion(doc, 'size-table', typical.sizeTable);
doc = fillRegion(doc, 'comparison', typical.comparisonTable);
writeFileSync(FORMAT_MD, doc);
writeFileSync(here('typical-stall-code.json'), JSON.stringify(typical.vector, null, 2) + '\n');
writeFileSync(here('payload-vectors.json'), JSON.stringify(derivePayloadVectors(), null, 2) + '\n');
writeFileSync(here('verdict-vectors.json'), JSON.stringify(deriveVerdictVectors(), null, 2) + '\n');
console.log('wrote docs/FORMAT.md and test/vectors/sanma/{typical-stall-code,payload-vectors,verdict-vectors}.json');
