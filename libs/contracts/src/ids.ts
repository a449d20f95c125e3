const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name a resource (and must not reach SQL as a uuid). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A site's id once the caller's scope has been checked: repositories of site-owned tables take
 * this type, so a query that forgets the tenant does not compile. Brand a plain string with
 * `siteIdOf` at the edge of a use case (the gateway has already checked the caller may act on it).
 */
export type SiteId = string & { readonly __brand: 'SiteId' };

export function siteIdOf(value: string): SiteId {
  return value as SiteId;
}
