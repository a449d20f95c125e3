import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, isUuid } from '@kpa/contracts';
import { RequestContext } from '@kpa/platform';
import { GatewayConfig } from '../gateway.config';
import { PrincipalCache } from './principal-cache';
import { AuthenticatedRequest, NETWORK_ADMIN_ONLY, PUBLIC_ROUTE, SITE_ROLES } from './auth.decorators';
import { roleOn, SITE_ROLES as ALL_SITE_ROLES, SiteRole } from './roles';
import { verifyAccessToken } from './tokens';

/**
 * Authentication and tenancy for every route (global guard):
 * - a valid access token of a live session, else 401;
 * - on `/v1/sites/:siteId/...`, a role on that site: without one the site does not exist for
 *   the caller (404, never 403, never its data); with a role the route does not allow, 403;
 * - network-admin routes answer 403 to everyone else.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalCache,
    private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Log in first and send the access token as "Authorization: Bearer <accessToken>".');
    const claims = verifyAccessToken(token, this.config.JWT_SECRET);
    if (!claims) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired; get a new one with POST /v1/auth/refresh.');
    const principal = await this.principals.get(claims.userId, claims.sessionId);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'This session has ended; log in again.');
    request.principal = principal;
    RequestContext.setActor(principal.userId);

    if (this.reflector.getAllAndOverride<boolean>(NETWORK_ADMIN_ONLY, targets) && !principal.networkAdmin) {
      throw new DomainError('FORBIDDEN', 'Only a network admin may do this.');
    }
    const siteId = (request.params as Record<string, string> | undefined)?.siteId;
    if (siteId !== undefined) {
      const allowed = this.reflector.getAllAndOverride<SiteRole[]>(SITE_ROLES, targets) ?? ALL_SITE_ROLES;
      if (!isUuid(siteId)) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
      if (!principal.networkAdmin) {
        const role = roleOn(principal, siteId);
        if (!role) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
        if (!allowed.includes(role)) throw new DomainError('FORBIDDEN', `A ${role} of this site may not do this.`, { role });
      }
    }
    return true;
  }
}
