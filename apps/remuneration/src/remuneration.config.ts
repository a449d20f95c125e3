import { ServiceConfig } from '@kpa/platform';

export class RemunerationConfig extends ServiceConfig {}

export const REMUNERATION_DEFAULTS = { HTTP_PORT: 3103 };
