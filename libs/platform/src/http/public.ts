import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'kpa:public';

/** A route anyone may call without logging in (health, metrics, login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
