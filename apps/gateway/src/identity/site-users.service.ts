import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, MemberName, Page, PageRequest, RPC } from '@kpa/contracts';
import { decodeCursor, encodeCursor, pageSize, RpcClient } from '@kpa/platform';
import { checkPasswordStrength } from '../auth/password-policy';
import { hashPassword } from '../auth/passwords';
import { mayManageRole, Principal, SiteRole } from '../auth/roles';
import { IdentityRepository } from './identity.repository';
import { PrincipalCache } from '../auth/principal-cache';

export interface SiteUser {
  id: string;
  email: string;
  displayName: string;
  role: SiteRole;
  createdAt: string;
}

export interface NewSiteUser {
  email: string;
  displayName: string;
  role: SiteRole;
  password: string;
}

@Injectable()
export class SiteUsersService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly rpc: RpcClient,
    private readonly principals: PrincipalCache,
  ) {}

  /** An account for a member of the site: role `member`, linked to their member file. */
  async createForMember(principal: Principal, siteId: string, memberId: string, input: { email: string; password: string }): Promise<SiteUser> {
    // The view decides which of the MemberAsSeen shapes comes back.
    const member = (await this.rpc.call(RPC.membership.memberGet, { siteId, memberId, view: 'name' })) as MemberName;
    return this.create(principal, siteId, { ...input, role: 'member', displayName: `${member.firstName} ${member.lastName}` }, memberId);
  }

  async create(principal: Principal, siteId: string, input: NewSiteUser, memberId?: string): Promise<SiteUser> {
    if (!mayManageRole(principal, siteId, input.role)) {
      throw new DomainError('FORBIDDEN', 'A coordinator may add members and accountants; only a network admin appoints coordinators.', { field: 'role' });
    }
    // The site must exist (a network admin may name any id).
    await this.rpc.call(RPC.membership.siteGet, { siteId });
    checkPasswordStrength(input.password, input.email);
    const existing = await this.identity.findUserByEmail(input.email);
    if (existing) {
      // The id only for a network admin (who sees every site): a coordinator could otherwise map other sites' e-mails to user ids.
      const details = principal.networkAdmin ? { field: 'email', userId: existing.id } : { field: 'email' };
      throw new DomainError('USER_EMAIL_TAKEN', `A user with the e-mail ${input.email} already exists.`, details);
    }
    const user = { id: uuidv7(), email: input.email.trim(), displayName: input.displayName.trim(), networkAdmin: false, passwordHash: await hashPassword(input.password) };
    try {
      await this.identity.transaction(async (manager) => {
        await this.identity.insertUser(manager, user);
        await this.identity.grantRole(manager, user.id, { siteId, role: input.role, memberId });
      });
    } catch (error) {
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'app_user_email_key') {
        throw new DomainError('USER_EMAIL_TAKEN', `A user with the e-mail ${input.email} already exists.`, { field: 'email' });
      }
      if (constraint === 'site_role_member_key') {
        throw new DomainError('MEMBER_HAS_ACCOUNT', 'This member already has an account on this site.', { memberId });
      }
      throw error;
    }
    return { id: user.id, email: user.email, displayName: user.displayName, role: input.role, createdAt: new Date().toISOString() };
  }

  async list(siteId: string, request: PageRequest): Promise<Page<SiteUser>> {
    const limit = pageSize(request);
    const cursor = decodeCursor(request.cursor, 'site-users');
    const rows = await this.identity.listSiteUsers(siteId, cursor, limit + 1);
    const items = rows.slice(0, limit).map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }, 'site-users') : null };
  }

  /** Takes the user's role on the site; a user left with no role at all loses every session. */
  async remove(principal: Principal, siteId: string, userId: string): Promise<void> {
    const role = await this.identity.roleOf(userId, siteId);
    if (!role) throw new DomainError('USER_NOT_FOUND', `No user ${userId} on this site.`, { userId });
    if (!mayManageRole(principal, siteId, role)) {
      throw new DomainError('FORBIDDEN', 'Only a network admin may remove a coordinator.');
    }
    await this.identity.transaction(async (manager) => {
      await this.identity.revokeRole(manager, userId, siteId);
      await this.identity.revokeSessionsIfRoleless(manager, userId, `role on site ${siteId} removed`);
    });
    await this.principals.changed(userId);
  }
}
