// Finds the generated parts of docs/FORMAT.md: fenced examples whose info string names them
// (```hex example=payload) and regions between <!-- generated:NAME --> and
// <!-- /generated:NAME -->. Shared by generate.ts (which fills them) and format-doc.test.ts
// (which checks them).

export interface DocBlock {
  lang: string;
  name: string;
  content: string;
}

const FENCE = /^```(\w+) example=([a-z0-9-]+)\n([\s\S]*?)\n?```$/gm;
const REGION = /<!-- generated:([a-z0-9-]+) -->\n([\s\S]*?)\n?<!-- \/generated:\1 -->/g;

export function exampleBlocks(markdown: string): DocBlock[] {
  return [...markdown.matchAll(FENCE)].map((m) => ({ lang: m[1]!, name: m[2]!, content: m[3]! }));
}

export function generatedRegions(markdown: string): Map<string, string> {
  return new Map([...markdown.matchAll(REGION)].map((m) => [m[1]!, m[2]!]));
}

export function fillExample(markdown: string, name: string, content: string): string {
  let found = 0;
  const out = markdown.replace(FENCE, (whole, lang: string, n: string) => {
    if (n !== name) return whole;
    found++;
    return '```' + lang + ' example=' + n + '\n' + content + '\n```';
  });
  if (found !== 1) throw new Error(`FORMAT.md has ${found} blocks named example=${name}, expected 1`);
  return out;
}

export function fillRegion(markdown: string, name: string, content: string): string {
  let found = 0;
  const out = markdown.replace(REGION, (whole, n: string) => {
    if (n !== name) return whole;
    found++;
    return `<!-- generated:${n} -->\n${content}\n<!-- /generated:${n} -->`;
  });
  if (found !== 1) throw new Error(`FORMAT.md has ${found} regions named ${name}, expected 1`);
  return out;
}
