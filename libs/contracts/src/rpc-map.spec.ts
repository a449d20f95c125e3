import { RPC, SERVICES } from './names';
import { RPC_TYPES } from './rpc-map';

/** Every subject `RPC` names: its constants, and each service's readiness subject. */
function subjectsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node === 'function') return SERVICES.map((service) => (node as (s: string) => string)(service));
  return Object.values(node as Record<string, unknown>).flatMap(subjectsOf);
}

describe('RpcMap', () => {
  const subjects = subjectsOf(RPC);
  const mapped = Object.keys(RPC_TYPES);

  it('has an entry for every subject of RPC', () => {
    expect(subjects.filter((subject) => !mapped.includes(subject))).toEqual([]);
  });

  it('has no entry that RPC does not name (a typo, or a subject removed from RPC)', () => {
    expect(mapped.filter((subject) => !subjects.includes(subject))).toEqual([]);
  });

  it('names every subject once', () => {
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects.length).toBe(mapped.length);
  });
});
