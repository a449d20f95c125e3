import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class CommerceConfig extends ServiceConfig {}

export const COMMERCE_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.commerce, METRICS_PORT: METRICS_PORTS.commerce };
