import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Code comments and the other docs cite the domain rules by section ("docs/domain-rules.md §1.3",
 * "docs/domain-rules.md §5.2–5.3"): every section they cite must be a heading of docs/domain-rules.md,
 * so a pointer never leads nowhere, and none points to DOMAIN-RULES, a brief outside the repository.
 */

const ROOT = join(__dirname, '..', '..');
const SOURCE = /\.(ts|js)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** "§5.2–5.3" and "§1.1, §1.4, §2.2" name several sections; a range names its two ends. */
function citedSections(text: string): string[] {
  const sections: string[] = [];
  for (const citation of text.matchAll(/domain-rules\.md\s*((?:§\d+(?:\.\d+)?(?:\s*[–-]\s*\d+(?:\.\d+)?)?(?:,[\s*]*)?)+)/g)) {
    for (const number of citation[1].matchAll(/\d+(?:\.\d+)?/g)) sections.push(number[0]);
  }
  return sections;
}

function headings(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{2,4} (\d+(?:\.\d+)?)\.? /gm)].map((match) => match[1]));
}

describe('docs/domain-rules.md', () => {
  const documented = headings(readFileSync(join(ROOT, 'docs', 'domain-rules.md'), 'utf8'));
  const citations = new Map<string, string[]>();
  const outside: string[] = [];
  const otherDocs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md') && name !== 'domain-rules.md')
    .map((name) => join('docs', name));
  for (const file of [...['apps', 'libs', 'test'].flatMap(sourceFiles), ...otherDocs]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const section of citedSections(text)) citations.set(section, [...(citations.get(section) ?? []), file]);
    if (file !== join('test', 'docs', 'domain-rules.spec.ts') && text.includes('DOMAIN' + '-RULES')) outside.push(file);
  }

  it('reads the citations, ranges and lists included', () => {
    expect(citedSections('(docs/domain-rules.md §5.2–5.3: the envelope)')).toEqual(['5.2', '5.3']);
    expect(citedSections('(docs/domain-rules.md §1.1, §1.4, §2.2,\n * §4.5)')).toEqual(['1.1', '1.4', '2.2', '4.5']);
    expect(citedSections('the 2024 example of docs/domain-rules.md §5.2, not the host’s own rates')).toEqual(['5.2']);
  });

  it('is the only place the code points to for its rules', () => {
    expect(outside).toEqual([]);
  });

  it('is cited by the code', () => {
    expect(citations.size).toBeGreaterThan(0);
  });

  it('has a heading for every section the code cites', () => {
    const missing = [...citations].filter(([section]) => !documented.has(section)).map(([section, files]) => `§${section} (cited in ${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
  });
});
