import { createHash } from 'node:crypto';

/**
 * Largest-remainder (Hamilton) allocation of a sum of cents between weighted recipients, with
 * optional caps (docs/domain-rules.md §6.1). Exact: the shares and what is left undistributed add up to the
 * total to the cent. Deterministic: the result depends on the recipients as a set, never on the
 * order of the array (ties are broken by a salted hash of the id, see tieKey).
 *
 * Alabama paradox: raising the total by a cent can lower someone's share by a cent. It is inherent
 * to largest remainder and harmless at the cent.
 */

export interface AllocationRecipient {
  id: string;
  /** ≥ 0; a zero weight gets 0. */
  weight: bigint;
  /** The most this recipient may get (≥ 0); null or absent: no cap. */
  capCents?: bigint | null;
}

export interface Allocation {
  /** Every recipient's share, zero weights included, keyed in id order. */
  shares: Map<string, bigint>;
  /** What nobody could take: every weight is zero, or every recipient reached their cap. */
  undistributedCents: bigint;
}

/**
 * The tie-break key: sha256 of the salt, a unit separator, and the id. With the period's id as
 * salt, who wins a tied cent varies from period to period instead of always favouring the same
 * person, and never depends on the order of the input.
 */
export function tieKey(tieSalt: string, id: string): string {
  return createHash('sha256').update(`${tieSalt}\u001f${id}`).digest('hex');
}

function check(totalCents: bigint, recipients: readonly AllocationRecipient[]): void {
  if (totalCents < 0n) throw new RangeError(`Cannot allocate a negative total (${totalCents} cents).`);
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r.id)) throw new RangeError(`Recipient ${r.id} appears twice.`);
    seen.add(r.id);
    if (r.weight < 0n) throw new RangeError(`Recipient ${r.id} has a negative weight (${r.weight}).`);
    if (r.capCents !== undefined && r.capCents !== null && r.capCents < 0n) throw new RangeError(`Recipient ${r.id} has a negative cap (${r.capCents}).`);
  }
}

/**
 * Hamilton without caps: the floor of each exact share `total × w / W`, then the leftover cents one
 * by one to the largest remainders (ties: smallest tieKey, then id). Every weight must be > 0.
 */
function hamilton(totalCents: bigint, recipients: readonly AllocationRecipient[], tieSalt: string): Map<string, bigint> {
  const result = new Map<string, bigint>();
  const totalWeight = recipients.reduce((sum, r) => sum + r.weight, 0n);
  if (recipients.length === 0 || totalCents === 0n) {
    for (const r of recipients) result.set(r.id, 0n);
    return result;
  }
  let leftover = totalCents;
  const ranked = recipients.map((r) => {
    const exact = totalCents * r.weight;
    const floor = exact / totalWeight;
    leftover -= floor;
    result.set(r.id, floor);
    return { id: r.id, remainder: exact % totalWeight, key: tieKey(tieSalt, r.id) };
  });
  // leftover < number of recipients with a positive remainder, so no share exceeds its exact value by a whole cent.
  ranked.sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 0; leftover > 0n; i += 1, leftover -= 1n) result.set(ranked[i].id, (result.get(ranked[i].id) as bigint) + 1n);
  return result;
}

/**
 * Splits `totalCents` between the recipients in proportion to their weights, nobody above their
 * cap.
 *
 * Caps (water-filling, in exact rational arithmetic): whoever's exact proportional share exceeds
 * their cap gets exactly the cap and leaves; the rest is re-split among the others, in further
 * rounds until nobody is over (a capped recipient's leaving only raises the others' shares, so
 * the rounds settle on one answer whatever the order). Only then is the remainder rounded, once,
 * by largest remainder: each uncapped share is within one cent of its exact value and never above
 * its cap. If every recipient with a weight is capped, what is left is `undistributedCents` (it
 * stays in the pot). Zero weights get 0.
 */
export function allocateCents(totalCents: bigint, recipients: readonly AllocationRecipient[], tieSalt: string): Allocation {
  check(totalCents, recipients);
  const capped = new Map<string, bigint>();
  let active = recipients.filter((r) => r.weight > 0n);
  let rest = totalCents;
  for (;;) {
    const weight = active.reduce((sum, r) => sum + r.weight, 0n);
    // rest × w / W > cap, in integers.
    const over = active.filter((r) => r.capCents !== undefined && r.capCents !== null && rest * r.weight > r.capCents * weight);
    if (over.length === 0) break;
    for (const r of over) {
      capped.set(r.id, r.capCents as bigint);
      rest -= r.capCents as bigint;
    }
    active = active.filter((r) => !capped.has(r.id));
  }
  const uncapped = active.length > 0 ? hamilton(rest, active, tieSalt) : new Map<string, bigint>();
  const shares = new Map<string, bigint>();
  for (const id of recipients.map((r) => r.id).sort()) shares.set(id, capped.get(id) ?? uncapped.get(id) ?? 0n);
  return { shares, undistributedCents: active.length > 0 ? 0n : rest };
}
