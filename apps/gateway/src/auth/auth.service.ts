import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '@kpa/contracts';
import { GatewayConfig } from '../gateway.config';
import { IdentityRepository } from '../identity/identity.repository';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords';
import { checkPasswordStrength } from './password-policy';
import { hashRefreshToken, newRefreshToken, signAccessToken } from './tokens';
import { LoginThrottle } from './login-throttle';
import { PrincipalCache } from './principal-cache';

/** An open session of the caller, as "Mes sessions" shows it. */
export interface OpenSession {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  /** The browser or app that logged in (its User-Agent, as sent), null when it sent none. */
  userAgent: string | null;
  /** The session of this very request. */
  current: boolean;
}

/** What a User-Agent header may weigh in a session row: enough to name a browser, not a place to store a novel. */
const USER_AGENT_MAX = 300;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly throttle: LoginThrottle,
    private readonly config: GatewayConfig,
    private readonly principals: PrincipalCache,
  ) {}

  async login(email: string, password: string, ip: string, userAgent?: string): Promise<TokenPair> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.identity.findUserByEmail(email);
    const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
    if (!user || !valid) {
      await this.throttle.recordFailure(email, ip);
      throw new DomainError('INVALID_CREDENTIALS', 'E-mail or password is wrong.');
    }
    await this.throttle.recordSuccess(email);
    const sessionId = uuidv7();
    return this.identity.transaction(async (manager) => {
      await this.identity.createSession(manager, sessionId, user.id, userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null);
      return this.issue(manager, user.id, sessionId);
    });
  }

  /**
   * Rotation: each refresh token works once. A token used a second time means it was stolen
   * (or replayed): the whole session (token family) is revoked, the thief and the user alike
   * must log in again.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = hashRefreshToken(refreshToken);
    const outcome = await this.identity.transaction(async (manager) => {
      const token = await this.identity.lockRefreshToken(manager, hash);
      if (!token || token.sessionRevokedAt) return 'invalid' as const;
      if (token.usedAt) {
        await this.identity.revokeSession(manager, token.sessionId, 'refresh token reused');
        return { reusedBy: token.userId };
      }
      if (token.expiresAt.getTime() <= Date.now()) return 'invalid' as const;
      await this.identity.markRefreshTokenUsed(manager, hash);
      return this.issue(manager, token.userId, token.sessionId);
    });
    if (outcome === 'invalid') throw new DomainError('INVALID_REFRESH_TOKEN', 'The refresh token is unknown, expired or revoked. Log in again.');
    if ('reusedBy' in outcome) {
      await this.principals.changed(outcome.reusedBy);
      throw new DomainError('INVALID_REFRESH_TOKEN', 'This refresh token was already used: the session is closed for safety. Log in again.');
    }
    return outcome;
  }

  async logout(principal: { userId: string; sessionId: string }): Promise<void> {
    await this.identity.transaction((manager) => this.identity.revokeSession(manager, principal.sessionId, 'logout'));
    await this.principals.changed(principal.userId);
  }

  /**
   * The console's logout, which knows its session by the refresh cookie alone (its access token
   * lives in memory and may be gone after a reload). Any token of the session ends it, even one
   * already used: a reused token would close it anyway. An unknown token is nothing to end.
   */
  async logoutByRefreshToken(refreshToken: string): Promise<void> {
    const hash = hashRefreshToken(refreshToken);
    const userId = await this.identity.transaction(async (manager) => {
      const token = await this.identity.lockRefreshToken(manager, hash);
      if (!token || token.sessionRevokedAt) return undefined;
      await this.identity.revokeSession(manager, token.sessionId, 'logout');
      return token.userId;
    });
    if (userId) await this.principals.changed(userId);
  }

  /** Logout everywhere: every session of the user ends, this one included; their refresh tokens stop working. */
  async logoutAll(principal: { userId: string }): Promise<{ sessionsClosed: number }> {
    const sessionsClosed = await this.identity.transaction((manager) => this.identity.revokeAllSessions(manager, principal.userId, 'logout everywhere'));
    await this.principals.changed(principal.userId);
    return { sessionsClosed };
  }

  /**
   * Changes the caller's password, who proves it with the current one (wrong answers count
   * towards the same hold as wrong logins). Every other session ends: whoever knew the old
   * password is out; this one stays.
   */
  async changePassword(
    principal: { userId: string; sessionId: string; email: string },
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<{ sessionsClosed: number }> {
    await this.throttle.assertAllowed(principal.email, ip);
    const user = await this.identity.findUserByEmail(principal.email);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(principal.email, ip);
      throw new DomainError('WRONG_CURRENT_PASSWORD', 'The current password is wrong.', { field: 'currentPassword' });
    }
    checkPasswordStrength(newPassword, principal.email, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const sessionsClosed = await this.identity.transaction(async (manager) => {
      await this.identity.setPasswordHash(manager, user.id, passwordHash);
      return this.identity.revokeAllSessions(manager, user.id, 'password changed', principal.sessionId);
    });
    await this.principals.changed(user.id);
    return { sessionsClosed };
  }

  async sessions(principal: { userId: string; sessionId: string }): Promise<OpenSession[]> {
    const rows = await this.identity.listOpenSessions(principal.userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastActiveAt: row.lastActiveAt.toISOString(),
      userAgent: row.userAgent,
      current: row.id === principal.sessionId,
    }));
  }

  /** Ends one of the caller's sessions (a lost phone, a shared computer); another user's, or one already ended, is not found. */
  async endSession(principal: { userId: string }, sessionId: string): Promise<void> {
    const ended = await this.identity.transaction((manager) => this.identity.revokeSessionOf(manager, principal.userId, sessionId, 'ended from another session'));
    if (!ended) throw new DomainError('SESSION_NOT_FOUND', `No open session ${sessionId} of yours.`, { sessionId });
    await this.principals.changed(principal.userId);
  }

  private async issue(manager: Parameters<IdentityRepository['insertRefreshToken']>[0], userId: string, sessionId: string): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
    await this.identity.insertRefreshToken(manager, hashRefreshToken(refreshToken), sessionId, expiresAt);
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    return { accessToken: signAccessToken({ userId, sessionId }, this.config.JWT_SECRET, expiresIn), refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
