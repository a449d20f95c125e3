import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, SiteGrant, SiteRole } from '../auth/roles';
import { publishSiteUserChanged } from './site-user-events';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  networkAdmin: boolean;
}

export interface SiteUserRow {
  id: string;
  email: string;
  displayName: string;
  role: SiteRole;
  createdAt: Date;
}

/** An open session of a user, as "Mes sessions" lists it. */
export interface OpenSessionRow {
  id: string;
  createdAt: Date;
  /** When it last got a token: its log-in, or its last refresh (every few minutes while in use). */
  lastActiveAt: Date;
  userAgent: string | null;
}

export interface RefreshTokenRow {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  sessionRevokedAt: Date | null;
}

/** Every read and write of the gateway's identity tables. */
@Injectable()
export class IdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash", network_admin AS "networkAdmin"
         FROM gateway.app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    return row;
  }

  async insertUser(manager: EntityManager, user: UserRow): Promise<void> {
    await manager.query(`INSERT INTO gateway.app_user (id, email, display_name, password_hash, network_admin) VALUES ($1, $2, $3, $4, $5)`, [
      user.id,
      user.email,
      user.displayName,
      user.passwordHash,
      user.networkAdmin,
    ]);
  }

  async grantRole(manager: EntityManager, userId: string, grant: SiteGrant): Promise<void> {
    await manager.query(`INSERT INTO gateway.site_role (user_id, site_id, role, member_id) VALUES ($1, $2, $3, $4)`, [userId, grant.siteId, grant.role, grant.memberId ?? null]);
    await publishSiteUserChanged(manager, userId, grant.siteId);
  }

  async roleOf(userId: string, siteId: string): Promise<SiteRole | undefined> {
    const [row] = await this.dataSource.query(`SELECT role FROM gateway.site_role WHERE user_id = $1 AND site_id = $2`, [userId, siteId]);
    return row?.role;
  }

  async revokeRole(manager: EntityManager, userId: string, siteId: string): Promise<number> {
    const [, affected] = await manager.query(`DELETE FROM gateway.site_role WHERE user_id = $1 AND site_id = $2`, [userId, siteId]);
    if (affected > 0) await publishSiteUserChanged(manager, userId, siteId);
    return affected as number;
  }

  /** Ends every session of a user who no longer has any role: their refresh tokens stop working. */
  async revokeSessionsIfRoleless(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE gateway.session s SET revoked_at = clock_timestamp(), revoked_reason = $2
        WHERE s.user_id = $1 AND s.revoked_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM gateway.site_role r WHERE r.user_id = $1)
          AND NOT EXISTS (SELECT 1 FROM gateway.app_user u WHERE u.id = $1 AND u.network_admin)`,
      [userId, reason],
    );
  }

  async listSiteUsers(siteId: string, after: { createdAt: string; id: string } | undefined, limit: number): Promise<SiteUserRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", r.role, r.created_at AS "createdAt"
         FROM gateway.site_role r JOIN gateway.app_user u ON u.id = r.user_id
        WHERE r.site_id = $1 AND ($2::timestamptz IS NULL OR (r.created_at, r.user_id) > ($2::timestamptz, $3::uuid))
        ORDER BY r.created_at, r.user_id LIMIT $4`,
      [siteId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  async createSession(manager: EntityManager, sessionId: string, userId: string, userAgent: string | null): Promise<void> {
    await manager.query(`INSERT INTO gateway.session (id, user_id, user_agent) VALUES ($1, $2, $3)`, [sessionId, userId, userAgent]);
  }

  /** The user's sessions still open: not ended, and with a refresh token that has not expired. Most recently active first. */
  async listOpenSessions(userId: string): Promise<OpenSessionRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.created_at AS "createdAt", max(t.created_at) AS "lastActiveAt", s.user_agent AS "userAgent"
         FROM gateway.session s JOIN gateway.refresh_token t ON t.session_id = s.id
        WHERE s.user_id = $1 AND s.revoked_at IS NULL
        GROUP BY s.id
       HAVING max(t.expires_at) > clock_timestamp()
        ORDER BY max(t.created_at) DESC, s.id`,
      [userId],
    );
  }

  async setPasswordHash(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE gateway.app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  async insertRefreshToken(manager: EntityManager, tokenHash: string, sessionId: string, expiresAt: Date): Promise<void> {
    await manager.query(`INSERT INTO gateway.refresh_token (token_hash, session_id, expires_at) VALUES ($1, $2, $3)`, [tokenHash, sessionId, expiresAt]);
  }

  /** Locks the token row: two refreshes racing with one token cannot both succeed. */
  async lockRefreshToken(manager: EntityManager, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await manager.query(
      `SELECT t.session_id AS "sessionId", s.user_id AS "userId", t.expires_at AS "expiresAt", t.used_at AS "usedAt", s.revoked_at AS "sessionRevokedAt"
         FROM gateway.refresh_token t JOIN gateway.session s ON s.id = t.session_id
        WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
      [tokenHash],
    );
    return row;
  }

  async markRefreshTokenUsed(manager: EntityManager, tokenHash: string): Promise<void> {
    await manager.query(`UPDATE gateway.refresh_token SET used_at = clock_timestamp() WHERE token_hash = $1`, [tokenHash]);
  }

  async revokeSession(manager: EntityManager | DataSource, sessionId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE gateway.session SET revoked_at = clock_timestamp(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }

  /** Logout everywhere: ends every open session of the user, but `keep` when given; how many were open. */
  async revokeAllSessions(manager: EntityManager, userId: string, reason: string, keep?: string): Promise<number> {
    const [, affected] = await manager.query(
      `UPDATE gateway.session SET revoked_at = clock_timestamp(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3`,
      [userId, reason, keep ?? null],
    );
    return affected as number;
  }

  /** Ends one session of the user's own; false when they have no such open session. */
  async revokeSessionOf(manager: EntityManager, userId: string, sessionId: string, reason: string): Promise<boolean> {
    const [, affected] = await manager.query(
      `UPDATE gateway.session SET revoked_at = clock_timestamp(), revoked_reason = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId, reason],
    );
    return (affected as number) > 0;
  }

  /** The caller of one request: the user behind a live session, with their roles. One query on the hot path. */
  async loadPrincipal(userId: string, sessionId: string): Promise<Principal | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.network_admin AS "networkAdmin",
              COALESCE((SELECT json_agg(json_build_object('siteId', r.site_id, 'role', r.role, 'memberId', r.member_id) ORDER BY r.created_at)
                          FROM gateway.site_role r WHERE r.user_id = u.id), '[]'::json) AS sites
         FROM gateway.session s JOIN gateway.app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
      [sessionId, userId],
    );
    if (!row) return undefined;
    return { userId: row.id, email: row.email, displayName: row.displayName, networkAdmin: row.networkAdmin, sessionId, sites: row.sites };
  }
}
