import fc from 'fast-check';
import { codePointName, findForbiddenText, findTooDeep, forbiddenCharacterIn } from './text-characters';

const FORBIDDEN = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
  ...Array.from({ length: 0x9f - 0x7f + 1 }, (_, i) => 0x7f + i),
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];
const forbiddenSet = new Set(FORBIDDEN);

const allowedText = fc.string({ unit: 'binary' }).map((text) => [...text].filter((c) => !forbiddenSet.has(c.codePointAt(0) as number)).join(''));
const forbiddenCharacter = fc.constantFrom(...FORBIDDEN);

describe('forbiddenCharacterIn', () => {
  it('refuses each C0 control but tab and line breaks, each C1 control, and the direction overrides and isolates', () => {
    for (const codePoint of FORBIDDEN) expect(forbiddenCharacterIn(`a${String.fromCodePoint(codePoint)}b`)).toEqual({ index: 1, codePoint });
  });

  it('refuses half a character (a lone UTF-16 surrogate), which no UTF-8 text can hold, but not a whole one', () => {
    expect(forbiddenCharacterIn('a\uD800b')).toEqual({ index: 1, codePoint: 0xd800 });
    expect(forbiddenCharacterIn('ab\uDE00')).toEqual({ index: 2, codePoint: 0xde00 });
    expect(forbiddenCharacterIn('\uD83D\uDE00')).toBeUndefined();
  });

  it('keeps tab, line breaks, accents, emoji and the other direction marks', () => {
    expect(forbiddenCharacterIn('Élodie\tN’Diaye\r\nligne 2 😀 \u200e\u200f\u061c \u00a0')).toBeUndefined();
  });

  it('finds nothing in text without a forbidden character, whatever else it holds', () => {
    fc.assert(fc.property(allowedText, (text) => forbiddenCharacterIn(text) === undefined));
  });

  it('finds one forbidden character wherever it is put', () => {
    fc.assert(
      fc.property(allowedText, allowedText, forbiddenCharacter, (before, after, codePoint) => {
        expect(forbiddenCharacterIn(before + String.fromCodePoint(codePoint) + after)).toEqual({ index: before.length, codePoint });
      }),
    );
  });

  it('names a character by its code point', () => {
    expect(codePointName(0)).toBe('U+0000');
    expect(codePointName(0x202e)).toBe('U+202E');
  });
});

describe('findForbiddenText', () => {
  it('names the path of the text: nested objects, arrays and keys', () => {
    expect(findForbiddenText({ lines: [{ description: 'a' }, { description: 'b' }, { description: 'c\u0000' }] })).toEqual({ path: 'lines[2].description', codePoint: 0 });
    expect(findForbiddenText({ address: { line: '1 rue', city: 'Lil\u202ele' } })).toEqual({ path: 'address.city', codePoint: 0x202e });
    expect(findForbiddenText({ passions: ['vélo', '\u0085'] })).toEqual({ path: 'passions[1]', codePoint: 0x85 });
    expect(findForbiddenText({ 'bad\u0007key': 1 })).toEqual({ path: 'bad\u0007key', codePoint: 7 });
    expect(findForbiddenText('a\u0000b', 'q')).toEqual({ path: 'q', codePoint: 0 });
    expect(findForbiddenText(['x\u001b[31m'])).toEqual({ path: '[0]', codePoint: 0x1b });
  });

  it('gives the first offending field in document order', () => {
    expect(findForbiddenText({ a: 'ok', b: { c: '\u0001' }, d: '\u0002' })).toEqual({ path: 'b.c', codePoint: 1 });
  });

  it('passes numbers, booleans, null and text with tab and line breaks', () => {
    expect(findForbiddenText({ n: 1, b: true, z: null, note: 'ligne 1\nligne 2\r\n\tfin', list: [1, 'x'] })).toBeUndefined();
  });

  it('leaves out the top-level fields it is told to skip (a whole file), and only those', () => {
    const body = { csv: 'prénom\u0000', dryRun: false };
    expect(findForbiddenText(body, '', new Set(['csv']))).toBeUndefined();
    expect(findForbiddenText({ nested: body }, '', new Set(['csv']))).toEqual({ path: 'nested.csv', codePoint: 0 });
  });

  it("walks the objects of a query parser, whose prototype has no prototype (Fastify's querystring)", () => {
    function Empty() {}
    Empty.prototype = Object.create(null) as object;
    const query = Object.assign(new (Empty as unknown as new () => object)(), { q: 'a\u0000b' });
    expect(findForbiddenText(query)).toEqual({ path: 'q', codePoint: 0 });
    expect(findForbiddenText(Object.assign(Object.create(null) as object, { q: '\u0000' }))).toEqual({ path: 'q', codePoint: 0 });
  });

  it('does not look inside a Buffer or class instances', () => {
    expect(findForbiddenText({ file: Buffer.from([0, 1, 2]) })).toBeUndefined();
  });

  it('walks a body nested thousands deep without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findForbiddenText(deep)?.codePoint).toBe(0);
  });

  it('finds a forbidden character put anywhere in any JSON value, at its path', () => {
    const key = allowedText;
    const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        allowedText,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.nat(), forbiddenCharacter, (value, seed, codePoint) => {
        expect(findForbiddenText(value)).toBeUndefined();
        // Put the character into one of the texts (or replace the whole value), then find it there.
        const slots: { path: string; set: (text: string) => void }[] = [];
        const collect = (node: unknown, path: string, set: (v: unknown) => void) => {
          if (typeof node === 'string') slots.push({ path, set: (text) => set(text) });
          else if (Array.isArray(node)) node.forEach((child, i) => collect(child, `${path}[${i}]`, (v) => (node[i] = v)));
          else if (node !== null && typeof node === 'object')
            for (const [k, child] of Object.entries(node)) collect(child, path === '' ? k : `${path}.${k}`, (v) => ((node as Record<string, unknown>)[k] = v));
        };
        let root = value;
        collect(root, '', (v) => (root = v));
        if (slots.length === 0) return;
        const slot = slots[seed % slots.length];
        slot.set(`x${String.fromCodePoint(codePoint)}`);
        expect(findForbiddenText(root)).toEqual({ path: slot.path, codePoint });
      }),
    );
  });
});

describe('findTooDeep', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it('passes the API’s own shapes and anything up to the limit', () => {
    expect(findTooDeep({ lines: [{ description: 'a', quantity: '1' }], address: { city: 'Roubaix' } })).toBeUndefined();
    expect(findTooDeep(nested(32))).toBeUndefined();
  });

  it('names where a body nests too deep, without overflowing the stack on 100 000 levels', () => {
    expect(findTooDeep(nested(33))).toMatch(/^(a|\[0\])/);
    expect(findTooDeep({ email: nested(5000) })).toMatch(/^email/);
    expect(findTooDeep(nested(100_000))).toBeDefined();
  });
});
