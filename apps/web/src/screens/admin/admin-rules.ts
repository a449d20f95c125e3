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
  siret: string;
  vatNumber: string;
  city: string;
  addressLine: string;
  postalCode: string;
}

export function checkHostStructure(draft: HostStructureDraft): Problem[] {
  const problems: Problem[] = [];
  const name = draft.legalName.trim();
  if (name.length < 2 || name.length > 200) problems.push({ field: 'legalName', key: 'admin.problem.legalName' });
  const siret = compactIdentifier(draft.siret);
  if (!isValidSiret(siret)) problems.push({ field: 'siret', key: 'admin.problem.siret' });
  const vat = compactIdentifier(draft.vatNumber);
  if (vat !== '' && !isValidFrenchVatNumber(vat, isValidSiret(siret) ? siret.slice(0, 9) : undefined)) problems.push({ field: 'vatNumber', key: 'admin.problem.vatNumber' });
  const city = draft.city.trim();
  if (city.length < 1 || city.length > 100) problems.push({ field: 'city', key: 'admin.problem.city' });
  if (draft.addressLine.trim().length > 200) problems.push({ field: 'addressLine', key: 'admin.problem.addressLine' });
  const postal = draft.postalCode.trim();
  if (postal !== '' && !/^\d{5}$/.test(postal)) problems.push({ field: 'postalCode', key: 'admin.problem.postalCode' });
  return problems;
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
