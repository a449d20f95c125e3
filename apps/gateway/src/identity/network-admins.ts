import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { LOGGER, Logger } from '@kpa/platform';
import { checkPasswordStrength } from '../auth/password-policy';
import { hashPassword } from '../auth/passwords';
import { GatewayConfig } from '../gateway.config';
import { IdentityRepository } from './identity.repository';

/**
 * The first network admin comes from KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD at start (or the
 * `create-admin` command). There is no default account and no default password.
 */
@Injectable()
export class NetworkAdmins implements OnApplicationBootstrap {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { KPA_ADMIN_EMAIL: email, KPA_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) {
      this.logger.info('KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD not set: no network admin created at start');
      return;
    }
    const created = await this.ensure(email, password);
    this.logger.info({ email }, created ? 'network admin created' : 'network admin already exists');
  }

  /** Creates the admin unless a user has this e-mail; returns whether it was created. */
  async ensure(email: string, password: string, displayName = 'Administration du réseau'): Promise<boolean> {
    if (await this.identity.findUserByEmail(email)) return false;
    checkPasswordStrength(password, email);
    const user = { id: uuidv7(), email, displayName, networkAdmin: true, passwordHash: await hashPassword(password) };
    try {
      await this.identity.transaction((manager) => this.identity.insertUser(manager, user));
      return true;
    } catch (error) {
      // Another gateway instance starting at the same time created it.
      if (await this.identity.findUserByEmail(email)) return false;
      throw error;
    }
  }
}
