import { defineEvent } from '../../envelope';

/**
 * A user's role on a site was given or taken (`role: null`), or the user was erased: what the worker
 * needs to write to them (their notifications and digest). Published by the gateway, which owns
 * identity; no password, no session.
 */
export interface SiteUserChangedV1 {
  userId: string;
  siteId: string;
  role: 'coordinator' | 'member' | 'accountant' | null;
  /** Empty when the role was taken: a removal carries no personal data. */
  email: string;
  displayName: string;
  /** The member file a member's account is linked to. */
  memberId: string | null;
}

/** Stable: a breaking change is a v2 published beside it. */
export const SITE_USER_CHANGED_V1 = defineEvent<SiteUserChangedV1>('gateway.site_user.changed', 1);
