import * as contracts from './index';
import { EventDefinition } from './envelope';
import { EVENTS } from './event-map';
import { SERVICES } from './names';

function isEventDefinition(value: unknown): value is EventDefinition<unknown> {
  const candidate = value as { type?: unknown; version?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.type === 'string' && typeof candidate.version === 'number';
}

describe('the event catalogue (EVENTS / EventMap)', () => {
  const listed = Object.values(EVENTS) as EventDefinition<unknown>[];

  it('lists every event definition the contracts export, under its own name', () => {
    const exported = Object.entries(contracts).filter(([, value]) => isEventDefinition(value));
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter(([name, definition]) => (EVENTS as Record<string, unknown>)[name] !== definition).map(([name]) => name)).toEqual([]);
  });

  it('lists only exported definitions, each under the name its type and version give', () => {
    for (const [name, definition] of Object.entries(EVENTS)) {
      expect((contracts as Record<string, unknown>)[name]).toBe(definition);
      expect(name.endsWith(`_V${definition.version}`)).toBe(true);
    }
  });

  it('gives each definition its own type and version, prefixed by the publishing service', () => {
    const keys = listed.map((definition) => `${definition.type}.v${definition.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const definition of listed) expect(SERVICES).toContain(definition.type.split('.')[0]);
  });
});
