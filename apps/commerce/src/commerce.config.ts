import { ServiceConfig } from '@kpa/platform';

export class CommerceConfig extends ServiceConfig {}

export const COMMERCE_DEFAULTS = { HTTP_PORT: 3102 };
