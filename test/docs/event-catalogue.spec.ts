import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '@kpa/contracts';
import { DURABLE_CONSUMERS, EventDefinition, eventSubject, SERVICES } from '@kpa/contracts';

/**
 * docs/messaging.md's event catalogue stays true to the code, as docs/api.md's error table does:
 * one row per event definition of libs/contracts with its subject, publisher, payload type and the
 * durable consumers whose subscriptions handle it (read from the apps' *.subscription.ts).
 */

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

const keyOf = (definition: { type: string; version: number }): string => `${definition.type} v${definition.version}`;

/** Every exported event definition, by the name of its constant. */
const definitions = new Map<string, EventDefinition<unknown>>(
  Object.entries(contracts as Record<string, unknown>).filter(
    (entry): entry is [string, EventDefinition<unknown>] =>
      /_V\d+$/.test(entry[0]) && typeof entry[1] === 'object' && entry[1] !== null && typeof (entry[1] as EventDefinition<unknown>).type === 'string',
  ),
);

/** The payload type each definition declares (`defineEvent<MemberChangedV1>(…)`), as written. */
const payloadTypes = new Map<string, string>();
for (const file of files('libs/contracts/src/events', (name) => name.endsWith('.ts'))) {
  for (const [, constant, payload] of read(file).matchAll(/export const (\w+) = defineEvent<(.+)>\('[^']+', \d+\);/g)) payloadTypes.set(constant, payload);
}

/** Durable consumers that handle each event, from the handlers of every subscription. */
const consumers = new Map<string, Set<string>>();
for (const file of files('apps', (name) => name.endsWith('.subscription.ts'))) {
  const source = read(file);
  const durableKey = /readonly durable = DURABLE_CONSUMERS\.(\w+)/.exec(source)?.[1] as keyof typeof DURABLE_CONSUMERS | undefined;
  if (!durableKey) throw new Error(`${file}: no durable consumer found`);
  for (const [, constant] of source.matchAll(/\bon\((\w+_V\d+),/g)) {
    const definition = definitions.get(constant);
    if (!definition) throw new Error(`${file}: on(${constant}, …) is not an event definition of @kpa/contracts`);
    const key = keyOf(definition);
    consumers.set(key, new Set([...(consumers.get(key) ?? []), DURABLE_CONSUMERS[durableKey]]));
  }
}

interface Row {
  event: string;
  version: number;
  subject: string;
  publisher: string;
  payload: string;
  consumers: string[];
}

/** The rows of the table under "### Event catalogue". */
function catalogue(markdown: string): Row[] {
  const section = markdown.split(/^### Event catalogue$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| `[a-z_]+\.[a-z_.]+` \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\|$/g, '').trim());
      const code = (cell: string) => cell.replace(/^`|`$/g, '');
      return {
        event: code(cells[0]),
        version: Number(cells[1]),
        subject: code(cells[2]),
        publisher: cells[3],
        payload: code(cells[4]),
        consumers: [...cells[5].matchAll(/`([a-z-]+)`/g)].map((match) => match[1]),
      };
    });
}

describe('docs/messaging.md event catalogue', () => {
  const rows = catalogue(read('docs/messaging.md'));
  const byKey = new Map(rows.map((row) => [`${row.event} v${row.version}`, row]));
  const sources = new Map(
    SERVICES.map((service) => [
      service,
      files(`apps/${service}/src`, (name) => name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(name) && !name.endsWith('.subscription.ts'))
        .map(read)
        .join('\n'),
    ]),
  );

  it('reads a table of every event', () => {
    expect(definitions.size).toBeGreaterThan(20);
    expect(rows.length).toBe(new Set(rows.map((row) => `${row.event} v${row.version}`)).size);
  });

  it('has a row for every event definition, and no row for an event that does not exist', () => {
    const defined = [...definitions.values()].map(keyOf).sort();
    expect([...byKey.keys()].sort()).toEqual(defined);
  });

  it.each([...definitions])('%s: subject, publisher, payload type and consumers', (constant, definition) => {
    const row = byKey.get(keyOf(definition));
    if (!row) return; // reported by the test above
    const publisher = definition.type.split('.')[0];
    expect({ subject: row.subject, publisher: row.publisher, payload: row.payload, consumers: [...row.consumers].sort() }).toEqual({
      subject: eventSubject(definition),
      publisher,
      payload: payloadTypes.get(constant),
      consumers: [...(consumers.get(keyOf(definition)) ?? [])].sort(),
    });
    // The publisher's own code names the constant: it publishes it.
    expect(sources.get(publisher as (typeof SERVICES)[number])).toMatch(new RegExp(`\\b${constant}\\b`));
  });
});
