import { defineEvent } from '../../envelope';
import { Site } from '../../rpc/membership/sites';

/** A site was created or changed: its whole public profile (no personal data). */
export type SiteChangedV1 = Omit<Site, 'createdAt' | 'settings'>;

export const SITE_CREATED_V1 = defineEvent<SiteChangedV1>('membership.site.created', 1);
export const SITE_UPDATED_V1 = defineEvent<SiteChangedV1>('membership.site.updated', 1);
