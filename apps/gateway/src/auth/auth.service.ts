import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '@kpa/contracts';
import { GatewayConfig } from '../gateway.config';
import { IdentityRepository } from '../identity/identity.repository';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { hashRefreshToken, newRefreshToken, signAccessToken } from './tokens';
import { LoginThrottle } from './login-throttle';
import { PrincipalCache } from './principal-cache';

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

  async login(email: string, password: string, ip: string): Promise<TokenPair> {
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
      await this.identity.createSession(manager, sessionId, user.id);
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

  private async issue(manager: Parameters<IdentityRepository['insertRefreshToken']>[0], userId: string, sessionId: string): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
    await this.identity.insertRefreshToken(manager, hashRefreshToken(refreshToken), sessionId, expiresAt);
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    return { accessToken: signAccessToken({ userId, sessionId }, this.config.JWT_SECRET, expiresIn), refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
