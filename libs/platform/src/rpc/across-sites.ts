import { SetMetadata } from '@nestjs/common';

/** Metadata key set by `@AcrossSites()`. */
export const ACROSS_SITES = 'kpa:across-sites';

/**
 * Marks an `@RpcHandler` that is regional by design when its request names no site (a figure for the
 * network admin, the receivables of every site): its queries then see every site's rows. Called with
 * a `siteId` or `siteIds`, it works for those like any handler; every other handler called without a
 * site sees no site's rows (row-level security).
 */
export const AcrossSites = (): MethodDecorator => SetMetadata(ACROSS_SITES, true);
