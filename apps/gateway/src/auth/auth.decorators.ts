import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, SiteRole } from './roles';

export const SITE_ROLES = 'kpa:site-roles';
export const NETWORK_ADMIN_ONLY = 'kpa:network-admin-only';
export const SIGNED_IN = 'kpa:signed-in';

export { Public, PUBLIC_ROUTE } from '@kpa/platform';

/** Roles on the route's :siteId that may use it; a network admin always may. */
export const SiteRoles = (...roles: SiteRole[]) => SetMetadata(SITE_ROLES, roles);

/** Region-wide routes (host structures, creating sites). */
export const NetworkAdminOnly = () => SetMetadata(NETWORK_ADMIN_ONLY, true);

/**
 * Routes outside a site's path open to anyone logged in, whose handler scopes the answer to the
 * caller (their sites, their own member file). The guard needs nothing more than a valid session;
 * the marker makes the rule a declaration the generated authorization matrix can read.
 */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The authenticated caller of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
