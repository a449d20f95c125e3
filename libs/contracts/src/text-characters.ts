/**
 * Characters no text of the API may hold, wherever it comes from (JSON body, query string, CSV
 * import): C0 controls but tab, line feed and carriage return (Postgres refuses NUL in a text
 * column; a bell or an escape sequence has no place on an invoice), C1 controls, and the
 * bidirectional overrides and isolates, with which a name can display as another on a document.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_TEXT_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** The first forbidden character of a text, or undefined when it has none. */
export function forbiddenCharacterIn(text: string): { index: number; codePoint: number } | undefined {
  const match = FORBIDDEN_TEXT_CHARACTERS.exec(text);
  return match === null ? undefined : { index: match.index, codePoint: match[0].codePointAt(0) as number };
}

/** `U+0000`: how a message names a character that cannot be printed. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function forbiddenCharacterMessage(field: string, codePoint: number): string {
  return `${field} holds the control or direction character ${codePointName(codePoint)}: remove it (only tab and line breaks are allowed).`;
}

export interface ForbiddenText {
  /** Where the text is: `lines[2].description`, `address.city`, `q`. */
  path: string;
  codePoint: number;
}

/** A dictionary: `{}`, `Object.create(null)`, or a query parser's object whose prototype has no prototype (Fastify's). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}

function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The first text holding a forbidden character in a parsed JSON body or query, keys included,
 * walking plain objects and arrays (a Buffer or a stream is not text). `skip` names top-level
 * fields that carry a whole file, which their own reader checks row by row (the CSV import).
 * Iterative: a body nested thousands deep must not overflow the stack.
 */
export function findForbiddenText(value: unknown, path = '', skip: ReadonlySet<string> = new Set()): ForbiddenText | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path }];
  while (pending.length > 0) {
    const next = pending.pop() as { value: unknown; path: string };
    if (typeof next.value === 'string') {
      const found = forbiddenCharacterIn(next.value);
      if (found) return { path: next.path, codePoint: found.codePoint };
      continue;
    }
    if (next.value === null || typeof next.value !== 'object') continue;
    const children: { value: unknown; path: string }[] = [];
    if (Array.isArray(next.value)) {
      next.value.forEach((child, index) => children.push({ value: child, path: join(next.path, index) }));
    } else if (isPlainObject(next.value)) {
      for (const [key, child] of Object.entries(next.value)) {
        const childPath = join(next.path, key);
        const inKey = forbiddenCharacterIn(key);
        if (inKey) return { path: childPath, codePoint: inKey.codePoint };
        if (next.value === value && skip.has(key)) continue;
        children.push({ value: child, path: childPath });
      }
    }
    // Reversed onto the stack, so the first field is looked at first.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
  }
  return undefined;
}
