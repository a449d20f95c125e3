/**
 * Characters no text of the API may hold, wherever it comes from (JSON body, query string, CSV
 * import): C0 controls but tab, line feed and carriage return (Postgres refuses NUL in a text
 * column; a bell or an escape sequence has no place on an invoice), C1 controls, and the
 * bidirectional overrides and isolates, with which a name can display as another on a document,
 * and lone UTF-16 surrogates (half a character: no UTF-8 text, so Postgres cannot store it).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_TEXT_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

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
  return `${field} holds ${codePointName(codePoint)}, a control, direction or broken character: remove it (only tab and line breaks are allowed).`;
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

/** How deep a request's objects and arrays may nest: the API's own bodies go four levels deep at most. */
export const MAX_NESTING_DEPTH = 32;

/**
 * The path of the first value nested deeper than `maxDepth` objects or arrays, or undefined.
 * Iterative, like findForbiddenText: the point is to refuse a body nested thousands deep before
 * a recursive reader (the DTO transformer) overflows the stack on it.
 */
export function findTooDeep(value: unknown, maxDepth = MAX_NESTING_DEPTH, path = ''): string | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop() as { value: unknown; path: string; depth: number };
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= maxDepth) return next.path;
    if (Array.isArray(next.value)) {
      next.value.forEach((child, index) => pending.push({ value: child, path: join(next.path, index), depth: next.depth + 1 }));
    } else if (isPlainObject(next.value)) {
      for (const [key, child] of Object.entries(next.value)) pending.push({ value: child, path: join(next.path, key), depth: next.depth + 1 });
    }
  }
  return undefined;
}
