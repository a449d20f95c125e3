import { ServiceConfig } from '@kpa/platform';

export class NetworkingConfig extends ServiceConfig {}

export const NETWORKING_DEFAULTS = { HTTP_PORT: 3104 };
