import { DomainError, formatCents, invalidField, ManualEntryInput, parseCents, ReciprocityTemplateInput, TEMPLATE_KINDS, requiredText } from '@kpa/contracts';

/**
 * The reciprocity ledger's arithmetic, pure: balances from movements in integer hundredths of an
 * hour. Double entry — each movement gives `hours` from one site to another — so the balances
 * sum to zero whatever the movements, and a reversal (the same hours the other way) restores the
 * balances before the reversed movement exactly.
 */
export interface LedgerMovement {
  id: string;
  giverSiteId: string;
  receiverSiteId: string;
  /** Hundredths of an hour, > 0. */
  hours: number;
  reversesId: string | null;
}

export interface Balance {
  siteId: string;
  given: number;
  received: number;
  /** given − received */
  balance: number;
}

/** Every site's balance from the movements (a site appears once it gave or received). */
export function balancesOf(movements: readonly LedgerMovement[]): Map<string, Balance> {
  const balances = new Map<string, Balance>();
  const of = (siteId: string): Balance => {
    let balance = balances.get(siteId);
    if (!balance) balances.set(siteId, (balance = { siteId, given: 0, received: 0, balance: 0 }));
    return balance;
  };
  for (const movement of movements) {
    const giver = of(movement.giverSiteId);
    const receiver = of(movement.receiverSiteId);
    giver.given += movement.hours;
    giver.balance += movement.hours;
    receiver.received += movement.hours;
    receiver.balance -= movement.hours;
  }
  return balances;
}

/**
 * The reversing movement of `movement`: the same hours from the receiver back to the giver.
 * A reversal is not reversed again (a new entry is made instead), and a movement is reversed once.
 */
export function reversalOf(
  movement: LedgerMovement & { kind: string },
  alreadyReversed: boolean,
): { giverSiteId: string; receiverSiteId: string; hours: number; reversesId: string } {
  if (movement.kind === 'reversal')
    throw new DomainError('RECIPROCITY_REVERSAL_NOT_REVERSIBLE', 'This movement is itself a reversal: record a new entry instead of reversing it again.', {
      movementId: movement.id,
    });
  if (alreadyReversed) throw new DomainError('RECIPROCITY_ALREADY_REVERSED', 'This movement was already reversed.', { movementId: movement.id });
  return { giverSiteId: movement.receiverSiteId, receiverSiteId: movement.giverSiteId, hours: movement.hours, reversesId: movement.id };
}

/** Flagged (never blocked) when a site's balance is below the network's soft limit. */
export function isBelowSoftLimit(balance: number, softLimit: number | null): boolean {
  return softLimit !== null && balance < softLimit;
}

/** Hours as a person reads them: "42 h", "7,5 h", "7,25 h" (French decimal comma, no trailing zeros). */
export function frenchHours(hundredths: number): string {
  const text = formatCents(hundredths)
    .replace(/\.?0+$/, '')
    .replace('.', ',');
  return `${text} h`;
}

/** A contribution to the commons, never a debt: "a donné 42 h, a reçu 14 h". */
export function contributionSummary(given: number, received: number): string {
  return `a donné ${frenchHours(given)}, a reçu ${frenchHours(received)}`;
}

/** A signed soft limit ("-20", "-20.50", "0"); null clears it. */
export function parseSoftLimit(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    const negative = value.trim().startsWith('-');
    const hundredths = parseCents(negative ? value.trim().slice(1) : value);
    if (hundredths !== undefined && hundredths <= 100_000_00) return negative ? -hundredths : hundredths;
  }
  throw invalidField('softLimit', 'softLimit must be a number of hours like "-20" or "-20.50" (balances below it are flagged), or null for no limit.');
}

export function formatSigned(hundredths: number): string {
  return formatCents(hundredths);
}

const MAX_ENTRY_HUNDREDTHS = 100_000;

export function entryHours(value: unknown, field = 'hours'): number {
  const hundredths = parseCents(value);
  if (hundredths === undefined || hundredths === 0 || hundredths > MAX_ENTRY_HUNDREDTHS) {
    throw invalidField(field, `${field} must be a number of hours like "14" or "4.5" (more than 0, at most ${MAX_ENTRY_HUNDREDTHS / 100}).`);
  }
  return hundredths;
}

export function checkedTemplate(input: ReciprocityTemplateInput): { label: string; kind: ReciprocityTemplateInput['kind']; hours: number } {
  if (!(TEMPLATE_KINDS as readonly string[]).includes(input.kind)) throw invalidField('kind', `kind must be one of ${TEMPLATE_KINDS.join(', ')}.`);
  return { label: requiredText(input.label, 'label', 1, 200), kind: input.kind, hours: entryHours(input.hours) };
}

/**
 * A manual entry as proposed by one site: who gives to whom, how many hours (its own or the
 * template's), what for. The other site confirms it before it enters the ledger.
 */
export function manualEntry(
  input: ManualEntryInput,
  proposingSiteId: string,
  template: { label: string; hours: number; active: boolean } | null,
): { giverSiteId: string; receiverSiteId: string; hours: number; label: string } {
  const other = typeof input.otherSiteId === 'string' ? input.otherSiteId.toLowerCase() : '';
  if (other === proposingSiteId)
    throw new DomainError('RECIPROCITY_ENTRY_SAME_SITE', 'An exchange is between two sites: name the other site in otherSiteId.', { field: 'otherSiteId' });
  if (input.direction !== 'gave' && input.direction !== 'received') throw invalidField('direction', 'direction must be "gave" (your site gave the hours) or "received".');
  if (template && !template.active)
    throw new DomainError('RECIPROCITY_TEMPLATE_INACTIVE', 'This template is no longer offered: pick another or give the hours yourself.', { field: 'templateId' });
  const hasHours = input.hours !== undefined && input.hours !== null;
  if (!hasHours && !template) throw invalidField('hours', 'Give the hours, or a templateId whose hours are taken.');
  const hours = hasHours ? entryHours(input.hours) : template!.hours;
  const label =
    input.label !== undefined && input.label !== null && String(input.label).trim() !== '' ? requiredText(input.label, 'label', 1, 200) : template ? template.label : undefined;
  if (label === undefined) throw invalidField('label', 'Say what was done (label), or pick a template.');
  const [giverSiteId, receiverSiteId] = input.direction === 'gave' ? [proposingSiteId, other] : [other, proposingSiteId];
  return { giverSiteId, receiverSiteId, hours, label };
}
