import { compactIban, isValidBic, isValidIban } from '@kpa/contracts/bank-identifiers';
import { compactIdentifier, isValidFrenchVatNumber, isValidSiret } from '@kpa/contracts/french-identifiers';
import type { MessageKey } from '../../i18n/fr';

/**
 * The network admin's forms, with the membership service's limits (host-structure.ts, site.ts) and
 * the shared French identifiers' checks (SIRET's Luhn key, the VAT number of its SIREN), so a
 * person reads what to fix before sending; the API checks them again.
 */
export type Problem = { field: string; key: MessageKey };

export interface HostStructureDraft {
  kind: 'cae' | 'business_incubator' | 'association';
  legalName: string;
  /** Printed on every invoice (commerce refuses to issue without it, SELLER_IDENTITY_INCOMPLETE). */
  legalForm: string;
  shareCapital: string;
  rcsCity: string;
  siret: string;
  vatNumber: string;
  city: string;
  addressLine: string;
  postalCode: string;
  /** What the e-invoicing reform needs (all optional): printed on invoices, sent in the e-invoice. */
  iban: string;
  bic: string;
  electronicAddress: string;
  phone: string;
  email: string;
  vatOnDebits: boolean;
  /** The consumer mediator, printed for individuals (C. consom. L612-1): both or neither. */
  mediatorName: string;
  mediatorContact: string;
}

export function checkHostStructure(draft: HostStructureDraft): Problem[] {
  const problems: Problem[] = [];
  const name = draft.legalName.trim();
  if (name.length < 2 || name.length > 200) problems.push({ field: 'legalName', key: 'admin.problem.legalName' });
  const legalForm = draft.legalForm.trim();
  if (legalForm.length < 2 || legalForm.length > 100) problems.push({ field: 'legalForm', key: 'admin.problem.legalForm' });
  if (draft.shareCapital.trim() !== '' && shareCapitalOf(draft.shareCapital) === null) problems.push({ field: 'shareCapital', key: 'admin.problem.shareCapital' });
  if (draft.rcsCity.trim().length > 100) problems.push({ field: 'rcsCity', key: 'admin.problem.rcsCity' });
  const siret = compactIdentifier(draft.siret);
  if (!isValidSiret(siret)) problems.push({ field: 'siret', key: 'admin.problem.siret' });
  const vat = compactIdentifier(draft.vatNumber);
  if (vat !== '' && !isValidFrenchVatNumber(vat, isValidSiret(siret) ? siret.slice(0, 9) : undefined)) problems.push({ field: 'vatNumber', key: 'admin.problem.vatNumber' });
  const city = draft.city.trim();
  if (city.length < 1 || city.length > 100) problems.push({ field: 'city', key: 'admin.problem.city' });
  if (draft.addressLine.trim().length > 200) problems.push({ field: 'addressLine', key: 'admin.problem.addressLine' });
  const postal = draft.postalCode.trim();
  if (postal !== '' && !/^\d{5}$/.test(postal)) problems.push({ field: 'postalCode', key: 'admin.problem.postalCode' });
  const iban = compactIban(draft.iban);
  if (iban !== '' && !isValidIban(iban)) problems.push({ field: 'iban', key: 'admin.problem.iban' });
  const bic = draft.bic.replace(/\s/g, '').toUpperCase();
  if (bic !== '' && (!isValidBic(bic) || iban === '')) problems.push({ field: 'bic', key: 'admin.problem.bic' });
  const address = draft.electronicAddress.trim();
  if (address.length > 125 || /\s/.test(address)) problems.push({ field: 'electronicAddress', key: 'admin.problem.electronicAddress' });
  const phone = draft.phone.trim();
  if (phone !== '' && !/^\+?[0-9 .()-]{6,20}$/.test(phone)) problems.push({ field: 'phone', key: 'admin.problem.phone' });
  const email = draft.email.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ field: 'email', key: 'admin.problem.hostEmail' });
  if (draft.vatOnDebits && vat === '') problems.push({ field: 'vatOnDebits', key: 'admin.problem.vatOnDebits' });
  const mediatorName = draft.mediatorName.trim();
  const mediatorContact = draft.mediatorContact.trim();
  if (mediatorName.length > 200 || (mediatorName === '' && mediatorContact !== '')) problems.push({ field: 'mediatorName', key: 'admin.problem.mediatorName' });
  if (mediatorContact.length > 300 || (mediatorContact === '' && mediatorName !== '')) problems.push({ field: 'mediatorContact', key: 'admin.problem.mediatorContact' });
  return problems;
}

/** A share capital typed as "15 000", "15000,50" or "15000.50": the API's "15000.50", or null. */
export function shareCapitalOf(text: string): string | null {
  const value = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(value)) return null;
  const [euros, cents = ''] = value.split('.');
  return `${euros}.${cents.padEnd(2, '0')}`;
}

/**
 * What the API takes: identifiers without spaces, the share capital as a decimal string; an empty
 * optional field is left out when creating, and null (cleared) when changing.
 */
export function hostStructureBody(draft: HostStructureDraft, creating: boolean) {
  const optional = (value: string | null) => (value === null || value.trim() === '' ? (creating ? undefined : null) : value.trim());
  return {
    legalName: draft.legalName.trim(),
    legalForm: draft.legalForm.trim(),
    shareCapital: optional(draft.shareCapital.trim() === '' ? '' : shareCapitalOf(draft.shareCapital)),
    rcsCity: optional(draft.rcsCity),
    siret: compactIdentifier(draft.siret),
    vatNumber: optional(compactIdentifier(draft.vatNumber)),
    city: draft.city.trim(),
    addressLine: optional(draft.addressLine),
    postalCode: optional(draft.postalCode),
    iban: optional(compactIban(draft.iban)),
    bic: optional(draft.bic.replace(/\s/g, '').toUpperCase()),
    electronicAddress: optional(draft.electronicAddress),
    phone: optional(draft.phone),
    email: optional(draft.email),
    vatOnDebits: draft.vatOnDebits,
    mediatorName: optional(draft.mediatorName),
    mediatorContact: optional(draft.mediatorContact),
  };
}

/** A logo file the API takes: PNG or JPEG (the API reads its first bytes again), 300 KB at most. */
export function logoProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') return 'type';
  if (file.size > 300 * 1024) return 'size';
  return null;
}

export interface SiteDraft {
  name: string;
  code: string;
  city: string;
  status: 'active' | 'in_reflection' | 'closed';
  hostStructureId: string | null;
}

/** A new site (`code` and host structure only when creating: documents are numbered by them, they never change). */
export function checkSite(draft: SiteDraft, creating: boolean): Problem[] {
  const problems: Problem[] = [];
  const name = draft.name.trim();
  if (name.length < 2 || name.length > 120) problems.push({ field: 'name', key: 'admin.problem.siteName' });
  const city = draft.city.trim();
  if (city.length < 1 || city.length > 100) problems.push({ field: 'city', key: 'admin.problem.city' });
  if (creating) {
    if (!/^[A-Z0-9-]{2,16}$/.test(draft.code.trim().toUpperCase())) problems.push({ field: 'code', key: 'admin.problem.code' });
    if (!draft.hostStructureId) problems.push({ field: 'hostStructureId', key: 'admin.problem.hostStructure' });
  }
  return problems;
}

export interface SiteUserDraft {
  email: string;
  displayName: string;
  role: 'coordinator' | 'accountant' | 'member';
  password: string;
}

/** Someone given a role: an e-mail, a name, a first password of 12 characters or more (the gateway's policy). */
export function checkSiteUser(draft: SiteUserDraft): Problem[] {
  const problems: Problem[] = [];
  const email = draft.email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) problems.push({ field: 'email', key: 'admin.problem.email' });
  const name = draft.displayName.trim();
  if (name.length < 1 || name.length > 120) problems.push({ field: 'displayName', key: 'admin.problem.displayName' });
  if (draft.password.length < 12 || draft.password.length > 256) problems.push({ field: 'password', key: 'admin.problem.password' });
  return problems;
}

/** One bar of a figure's breakdown: its count (null when hidden as a small count) and its length against the largest. */
export interface Bar {
  key: string;
  count: number | null;
  percent: number;
}

/**
 * The region's figures as bars: a breakdown `{ female: 7, male: null }` (null: 1 to 4, hidden so
 * nobody can be recognised) becomes bars sorted by count, largest first, each as long as its count
 * against the largest; a hidden count has no bar.
 */
export function figureBars(breakdown: Record<string, unknown>): Bar[] {
  const entries = Object.entries(breakdown).map(([key, value]) => ({ key, count: typeof value === 'number' ? value : null }));
  const largest = Math.max(0, ...entries.map((entry) => entry.count ?? 0));
  return entries
    .map((entry) => ({ ...entry, percent: entry.count === null || largest === 0 ? 0 : Math.round((entry.count / largest) * 100) }))
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.key.localeCompare(b.key));
}
