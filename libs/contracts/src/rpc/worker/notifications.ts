import { Page, PageRequest } from '../page';

/**
 * What the platform tells a person about, in the app (`GET /v1/me/notifications`) and by e-mail
 * unless they turned that kind's e-mail off. One name per kind, everywhere.
 */
export const NOTIFICATION_KINDS = [
  // worker: digest (coordinators)
  'digest',
  // worker: quotes (the member who drafted it)
  'quote_expired',
  // worker: e-invoicing (the site's coordinators)
  'einvoice_refused',
  // worker: members' notices
  'mission_team_confirmed',
  'contribution_decided',
  'period_closed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LANGUAGES = ['fr', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export interface Notification {
  id: string;
  kind: NotificationKind;
  siteId: string;
  title: string;
  /** Short sentences, one per line. */
  body: string;
  /** Where in the platform to act, as an API path (e.g. `/v1/sites/…/quotes/…`), or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  /** Over all of the user's sites, whatever the page. */
  unread: number;
}

/** A user's choices: which kinds also come by e-mail, the hour of the daily digest, the language. */
export interface NotificationPreferences {
  /** Kinds whose e-mail the user turned off (the in-app list keeps them). */
  emailOff: NotificationKind[];
  /** Hour (0–23, Paris time) at which the daily digest is written. */
  digestHour: number;
  language: NotificationLanguage;
}

/** Whose notifications: the signed-in user, on the sites they hold a role on. */
export interface NotificationOwner {
  userId: string;
  siteIds: string[];
}

export interface ListNotificationsRequest extends NotificationOwner, PageRequest {
  unread?: boolean;
}

export interface ReadNotificationRequest extends NotificationOwner {
  notificationId: string;
}

export type ReadAllNotificationsRequest = NotificationOwner;

export interface GetNotificationPreferencesRequest {
  userId: string;
}

export interface SetNotificationPreferencesRequest {
  userId: string;
  preferences: NotificationPreferences;
}
