import { DomainError, ExpenseActor, NetworkActor, PeriodActor, QuoteActor, RemunerationActor } from '@kpa/contracts';
import { ownMemberId, Principal, roleOn, SiteRole } from './roles';

/**
 * The actor a service receives with a change, from the caller's principal: the one rule (a network
 * admin acts as a coordinator) and the few shapes the services' contracts ask for.
 */
export function actorOf(principal: Principal, siteId: string): { userId: string; role: SiteRole; memberId: string | null } {
  const role = principal.networkAdmin ? 'coordinator' : (roleOn(principal, siteId) ?? 'member');
  return { userId: principal.userId, role, memberId: ownMemberId(principal, siteId) ?? null };
}

/** Periods: the role as held, and the caller's own member file on the site (members act as themselves). */
export function periodActorOf(principal: Principal, siteId: string): PeriodActor {
  return actorOf(principal, siteId);
}

/** Contributions: as periods, but a coordinator acts for the site, never for a member file of theirs. */
export function remunerationActorOf(principal: Principal, siteId: string): RemunerationActor {
  const actor = actorOf(principal, siteId);
  return { ...actor, memberId: actor.role === 'member' ? actor.memberId : null };
}

/** Quotes, invoices, missions: commerce knows two roles; the routes' roles keep accountants out of every change. */
export function commerceActorOf(principal: Principal, siteId: string): QuoteActor {
  return { userId: principal.userId, role: actorOf(principal, siteId).role === 'coordinator' ? 'coordinator' : 'member' };
}

/** Expenses: a member acts for their own member file on the site; a coordinator for none. */
export function expenseActorOf(principal: Principal, siteId: string): ExpenseActor {
  const actor = commerceActorOf(principal, siteId);
  return { ...actor, memberId: actor.role === 'coordinator' ? null : (ownMemberId(principal, siteId) ?? null) };
}

// networking: the cross-site routes (/v1/network/...)

/** The network actor networking receives: the sites the caller holds a role on, and those they coordinate. */
export function networkActorOf(principal: Principal): NetworkActor {
  return {
    userId: principal.userId,
    networkAdmin: principal.networkAdmin,
    siteIds: principal.sites.map((grant) => grant.siteId),
    coordinatorOf: principal.sites.filter((grant) => grant.role === 'coordinator').map((grant) => grant.siteId),
  };
}

/**
 * The one way a route acts for a site named in its body (an offer's fromSiteId): the caller
 * coordinates that site, or is a network admin; else 403 NETWORK_SITE_NOT_YOURS (not FORBIDDEN:
 * the route is open, the site named is not the caller's). Networking checks the same again.
 */
export function actingForSite(principal: Principal, siteId: string, field: string): NetworkActor {
  if (!principal.networkAdmin && roleOn(principal, siteId) !== 'coordinator') {
    throw new DomainError('NETWORK_SITE_NOT_YOURS', `${field} must be a site you coordinate: only its coordinator acts for it.`, { field, siteId });
  }
  return networkActorOf(principal);
}
