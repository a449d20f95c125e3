import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '@kpa/contracts';
import { createLogger, loadConfig, PlatformModule } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_DATABASE } from '../gateway.module';
import { IdentityRepository } from '../identity/identity.repository';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { hashPassword } from './passwords';
import { PrincipalCache } from './principal-cache';

function authModule(config: GatewayConfig): DynamicModule {
  @Module({})
  class AuthTestModule {}
  return {
    module: AuthTestModule,
    imports: [PlatformModule.forService({ service: 'gateway', config, logger: createLogger('gateway', 'silent'), database: GATEWAY_DATABASE, redis: true })],
    providers: [IdentityRepository, AuthService, LoginThrottle, PrincipalCache],
  };
}

async function refused(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

/**
 * Sessions against the gateway's real Postgres schema and Redis: refresh tokens rotate, a token used
 * twice closes its whole session (also when the two uses race), and failed logins are counted in Redis.
 */
describe('gateway sessions', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let auth: AuthService;
  let identity: IdentityRepository;
  const password = 'correct horse battery staple';

  async function newUser(): Promise<{ id: string; email: string }> {
    const user = { id: uuidv7(), email: `u${uuidv7()}@example.fr`, displayName: 'Alice Martin', passwordHash: await hashPassword(password), networkAdmin: false };
    await identity.transaction((manager) => identity.insertUser(manager, user));
    return user;
  }

  async function session(sessionId: string): Promise<{ revoked_reason: string | null }> {
    const [row] = await app.get(DataSource).query(`SELECT revoked_reason FROM gateway.session WHERE id = $1`, [sessionId]);
    return row;
  }

  function sessionOf(accessToken: string): string {
    return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;
  }

  beforeAll(async () => {
    env = await createTestEnv('gateway-auth');
    const config = loadConfig(GatewayConfig, { ...env.serviceEnv, JWT_SECRET: 'x'.repeat(48) } as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(authModule(config), { logger: false, abortOnError: false });
    await app.init();
    auth = app.get(AuthService);
    identity = app.get(IdentityRepository);
  });

  afterAll(async () => {
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  it('rotates the refresh token; the used one, presented again, closes the session and its newer tokens', async () => {
    const user = await newUser();
    const first = await auth.login(user.email, password, '192.0.2.1');
    const sessionId = sessionOf(first.accessToken);
    const second = await auth.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(sessionOf(second.accessToken)).toBe(sessionId);
    expect((await identity.loadPrincipal(user.id, sessionId))?.email).toBe(user.email);

    const reuse = await refused(auth.refresh(first.refreshToken));
    expect(reuse.code).toBe('INVALID_REFRESH_TOKEN');
    expect(reuse.message).toMatch(/already used/);
    expect(await session(sessionId)).toEqual({ revoked_reason: 'refresh token reused' });
    expect(await identity.loadPrincipal(user.id, sessionId)).toBeUndefined();
    expect((await refused(auth.refresh(second.refreshToken))).code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('lets one of two racing uses of a token win; the other is a reuse and closes the session', async () => {
    const user = await newUser();
    const pair = await auth.login(user.email, password, '192.0.2.2');
    const outcomes = await Promise.allSettled([auth.refresh(pair.refreshToken), auth.refresh(pair.refreshToken)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(loser?.reason).toBeInstanceOf(DomainError);
    expect((loser?.reason as DomainError).message).toMatch(/already used/);
    expect(await session(sessionOf(pair.accessToken))).toEqual({ revoked_reason: 'refresh token reused' });
  });

  it('logs out by the refresh token alone (the console’s cookie), even a used one; an unknown token ends nothing', async () => {
    const user = await newUser();
    const first = await auth.login(user.email, password, '192.0.2.4');
    const sessionId = sessionOf(first.accessToken);
    await auth.refresh(first.refreshToken);
    await auth.logoutByRefreshToken(first.refreshToken);
    expect(await session(sessionId)).toEqual({ revoked_reason: 'logout' });
    await auth.logoutByRefreshToken(first.refreshToken);
    await auth.logoutByRefreshToken('never-given-out-never-given-out');
    expect(await session(sessionId)).toEqual({ revoked_reason: 'logout' });
  });

  it('logs out everywhere: every open session of the user ends, another user’s stay', async () => {
    const [user, other] = [await newUser(), await newUser()];
    const sessions = [
      await auth.login(user.email, password, '192.0.2.5'),
      await auth.login(user.email, password, '192.0.2.6'),
      await auth.login(user.email, password, '192.0.2.5'),
    ];
    await auth.logout({ userId: user.id, sessionId: sessionOf(sessions[2].accessToken) });
    const others = await auth.login(other.email, password, '192.0.2.5');

    expect(await auth.logoutAll({ userId: user.id })).toEqual({ sessionsClosed: 2 });
    expect(await session(sessionOf(sessions[0].accessToken))).toEqual({ revoked_reason: 'logout everywhere' });
    expect(await session(sessionOf(sessions[1].accessToken))).toEqual({ revoked_reason: 'logout everywhere' });
    expect(await session(sessionOf(sessions[2].accessToken))).toEqual({ revoked_reason: 'logout' });
    for (const pair of sessions) expect((await refused(auth.refresh(pair.refreshToken))).code).toBe('INVALID_REFRESH_TOKEN');
    expect(await session(sessionOf(others.accessToken))).toEqual({ revoked_reason: null });
    expect((await auth.refresh(others.refreshToken)).tokenType).toBe('Bearer');
  });

  it('changes the password with the current one: every other session ends, this one stays, the old password stops working', async () => {
    const user = await newUser();
    const here = await auth.login(user.email, password, '192.0.2.7', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0');
    const phone = await auth.login(user.email, password, '192.0.2.8', 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile');
    const principal = { userId: user.id, sessionId: sessionOf(here.accessToken), email: user.email };

    const wrong = await refused(auth.changePassword(principal, 'not the password at all', 'une toute nouvelle phrase', '192.0.2.7'));
    expect({ code: wrong.code, details: wrong.details }).toEqual({ code: 'WRONG_CURRENT_PASSWORD', details: { field: 'currentPassword' } });
    const weak = await refused(auth.changePassword(principal, password, 'azerty123456', '192.0.2.7'));
    expect({ code: weak.code, details: weak.details }).toEqual({ code: 'WEAK_PASSWORD', details: { field: 'newPassword' } });

    expect(await auth.changePassword(principal, password, 'une toute nouvelle phrase', '192.0.2.7')).toEqual({ sessionsClosed: 1 });
    expect(await session(sessionOf(phone.accessToken))).toEqual({ revoked_reason: 'password changed' });
    expect(await session(principal.sessionId)).toEqual({ revoked_reason: null });
    expect((await refused(auth.login(user.email, password, '192.0.2.7'))).code).toBe('INVALID_CREDENTIALS');
    expect((await auth.login(user.email, 'une toute nouvelle phrase', '192.0.2.7')).tokenType).toBe('Bearer');
  });

  it('lists the open sessions with their device, marks this one, and ends one of them; another user’s is not found', async () => {
    const [user, other] = [await newUser(), await newUser()];
    const laptop = await auth.login(user.email, password, '192.0.2.9', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0');
    const phone = await auth.login(user.email, password, '192.0.2.9', 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile');
    const ended = await auth.login(user.email, password, '192.0.2.9');
    await auth.logout({ userId: user.id, sessionId: sessionOf(ended.accessToken) });
    const others = await auth.login(other.email, password, '192.0.2.9');
    const me = { userId: user.id, sessionId: sessionOf(laptop.accessToken) };

    const listed = await auth.sessions(me);
    expect(listed.map(({ id, userAgent, current }) => ({ id, userAgent, current }))).toEqual([
      { id: sessionOf(phone.accessToken), userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile', current: false },
      { id: me.sessionId, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0', current: true },
    ]);

    await auth.endSession(me, sessionOf(phone.accessToken));
    expect(await session(sessionOf(phone.accessToken))).toEqual({ revoked_reason: 'ended from another session' });
    expect((await refused(auth.refresh(phone.refreshToken))).code).toBe('INVALID_REFRESH_TOKEN');
    expect((await refused(auth.endSession(me, sessionOf(phone.accessToken)))).code).toBe('SESSION_NOT_FOUND');
    expect((await refused(auth.endSession(me, sessionOf(others.accessToken)))).code).toBe('SESSION_NOT_FOUND');
    expect(await session(sessionOf(others.accessToken))).toEqual({ revoked_reason: null });
    expect((await auth.sessions(me)).map((open) => open.id)).toEqual([me.sessionId]);
  });

  it('holds an account back after repeated wrong passwords, even for the right one, and not its neighbours', async () => {
    const [guessed, neighbour] = [await newUser(), await newUser()];
    for (let i = 0; i < 6; i++) expect((await refused(auth.login(guessed.email, 'wrong password!', '192.0.2.3'))).code).toBe('INVALID_CREDENTIALS');
    const held = await refused(auth.login(guessed.email, password, '192.0.2.3'));
    expect(held.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect((held.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((held.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await auth.login(neighbour.email, password, '192.0.2.3')).tokenType).toBe('Bearer');
  });
});
