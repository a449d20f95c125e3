import { DomainError, NetworkActor } from '@kpa/contracts';

/**
 * What a network actor may do for a site: coordinate it (or be a network admin). The gateway
 * checks the same before the call for a site named in the body (`actingForSite`); networking
 * checks again for the sites it finds behind an id (a request's own site, a helping site).
 */
export function coordinates(actor: NetworkActor, siteId: string): boolean {
  return actor.networkAdmin || actor.coordinatorOf.includes(siteId.toLowerCase());
}

export function requireCoordinatorOf(actor: NetworkActor, siteId: string, message = 'Only a coordinator of this site (or a network admin) may act for it.'): void {
  if (!coordinates(actor, siteId)) throw new DomainError('NETWORK_SITE_NOT_YOURS', message, { siteId });
}
