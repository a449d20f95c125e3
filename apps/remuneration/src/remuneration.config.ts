import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class RemunerationConfig extends ServiceConfig {}

export const REMUNERATION_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.remuneration, METRICS_PORT: METRICS_PORTS.remuneration };
