import {
  CARRYING_STRUCTURE_KINDS,
  CreateSiteRequest,
  DEFAULT_SITE_SETTINGS,
  DomainError,
  SITE_STATUSES,
  SiteProfile,
  SiteSettings,
  SiteStatus,
  UpdateSiteRequest,
  VENUE_KINDS,
} from '@kpa/contracts';

export interface NewSite extends SiteSettings, SiteProfile {
  name: string;
  code: string;
  city: string;
  status: SiteStatus;
  hostStructureId: string;
}

export type SiteChanges = Partial<Omit<NewSite, 'code' | 'hostStructureId'>>;

const SETTING_RANGES: Record<Exclude<keyof SiteSettings, 'charterRequired'>, [number, number]> = {
  minimumAge: [14, 30],
  interviewCadenceDays: [7, 365],
  midTermReviewAfterMonths: [1, 36],
  exitInterviewAfterMonths: [1, 36],
};

function checkSettings(settings: Partial<SiteSettings>): Partial<SiteSettings> {
  const checked: Partial<SiteSettings> = {};
  for (const [key, value] of Object.entries(settings) as [keyof SiteSettings, unknown][]) {
    if (key === 'charterRequired') {
      if (typeof value !== 'boolean') throw invalid('settings.charterRequired', 'settings.charterRequired must be true or false.');
      checked.charterRequired = value;
      continue;
    }
    const range = SETTING_RANGES[key];
    if (!range) throw invalid(`settings.${key}`, `settings.${key} is not a site setting.`);
    if (!Number.isInteger(value) || (value as number) < range[0] || (value as number) > range[1]) {
      throw invalid(`settings.${key}`, `settings.${key} must be a whole number from ${range[0]} to ${range[1]}.`);
    }
    checked[key] = value as number;
  }
  return checked;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  if (value.trim().length > max) throw invalid(field, `${field} must be at most ${max} characters.`);
  return value.trim();
}

function required(value: string | undefined, field: string, max: number): string {
  const text = optionalText(value, field, max);
  if (text === null) throw invalid(field, `${field} is required.`);
  return text;
}

/** The profile fields sent, checked; absent ones are left out (for a PATCH). */
function checkProfile(input: Partial<SiteProfile>): Partial<SiteProfile> {
  const profile: Partial<SiteProfile> = {};
  if (input.addressLine !== undefined) profile.addressLine = optionalText(input.addressLine, 'addressLine', 200);
  if (input.postalCode !== undefined) {
    profile.postalCode = optionalText(input.postalCode, 'postalCode', 5);
    if (profile.postalCode !== null && !/^\d{5}$/.test(profile.postalCode)) throw invalid('postalCode', 'postalCode must be a French postal code (5 digits).');
  }
  if (input.carryingStructure !== undefined) {
    const carrying = input.carryingStructure;
    if (carrying !== null && !CARRYING_STRUCTURE_KINDS.includes(carrying.kind)) {
      throw invalid('carryingStructure.kind', `carryingStructure.kind must be one of ${CARRYING_STRUCTURE_KINDS.join(', ')}.`);
    }
    profile.carryingStructure = carrying === null ? null : { name: required(carrying.name, 'carryingStructure.name', 200), kind: carrying.kind };
  }
  if (input.venues !== undefined) {
    if (!Array.isArray(input.venues) || input.venues.length > 20) throw invalid('venues', 'venues must be a list of at most 20 places.');
    profile.venues = input.venues.map((venue, i) => {
      if (!VENUE_KINDS.includes(venue.kind)) throw invalid(`venues[${i}].kind`, `venues[${i}].kind must be one of ${VENUE_KINDS.join(', ')}.`);
      return { name: required(venue.name, `venues[${i}].name`, 120), kind: venue.kind, address: optionalText(venue.address, `venues[${i}].address`, 300) };
    });
  }
  if (input.activityPoles !== undefined) {
    if (!Array.isArray(input.activityPoles) || input.activityPoles.length > 30) throw invalid('activityPoles', 'activityPoles must be a list of at most 30.');
    profile.activityPoles = [...new Set(input.activityPoles.map((pole, i) => required(pole, `activityPoles[${i}]`, 60)))];
  }
  return profile;
}

function checkName(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length < 2 || trimmed.length > 120) throw invalid('name', 'name must be 2 to 120 characters.');
  return trimmed;
}

function checkCity(city: string | undefined): string {
  const trimmed = city?.trim() ?? '';
  if (trimmed.length < 1 || trimmed.length > 100) throw invalid('city', 'city must be 1 to 100 characters.');
  return trimmed;
}

function checkStatus(status: string): SiteStatus {
  if (!SITE_STATUSES.includes(status as SiteStatus)) throw invalid('status', `status must be one of ${SITE_STATUSES.join(', ')}.`);
  return status as SiteStatus;
}

/**
 * The site code prefixes the site's document numbers (e.g. `ROUBAIX-F-2026-000123`), so it is
 * short, upper case and never changes once the site exists.
 */
export function normaliseSiteCode(code: string | undefined): string {
  const normalised = (code ?? '').trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9-]{1,15}$/.test(normalised)) {
    throw invalid('code', 'code must be 2 to 16 letters, digits or hyphens (e.g. ROUBAIX or KPA-LILLE).');
  }
  return normalised;
}

export function newSite(input: CreateSiteRequest): NewSite {
  return {
    name: checkName(input.name),
    code: normaliseSiteCode(input.code),
    city: checkCity(input.city),
    status: checkStatus(input.status ?? 'in_reflection'),
    hostStructureId: input.hostStructureId,
    ...DEFAULT_SITE_SETTINGS,
    addressLine: null,
    postalCode: null,
    carryingStructure: null,
    venues: [],
    activityPoles: [],
    ...checkProfile(input),
  };
}

/** What a PATCH may change: the code and the host structure stay (documents are numbered by them). */
export function siteChanges(input: Omit<UpdateSiteRequest, 'siteId'>): SiteChanges {
  const changes: SiteChanges = {};
  if (input.name !== undefined) changes.name = checkName(input.name);
  if (input.city !== undefined) changes.city = checkCity(input.city);
  if (input.status !== undefined) changes.status = checkStatus(input.status);
  if (input.settings !== undefined) Object.assign(changes, checkSettings(input.settings));
  Object.assign(changes, checkProfile(input));
  if (Object.keys(changes).length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one of name, city, status, settings or a profile field.');
  }
  return changes;
}
