import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class NetworkingConfig extends ServiceConfig {}

export const NETWORKING_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.networking, METRICS_PORT: METRICS_PORTS.networking };
