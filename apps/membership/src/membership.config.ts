import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class MembershipConfig extends ServiceConfig {}

export const MEMBERSHIP_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.membership, METRICS_PORT: METRICS_PORTS.membership };
