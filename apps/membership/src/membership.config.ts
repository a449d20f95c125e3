import { ServiceConfig } from '@kpa/platform';

export class MembershipConfig extends ServiceConfig {}

export const MEMBERSHIP_DEFAULTS = { HTTP_PORT: 3101 };
