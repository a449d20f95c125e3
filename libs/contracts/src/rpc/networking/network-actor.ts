/**
 * Who acts on the network's cross-site routes, as the gateway knows it: the sites they hold a role
 * on, and those they coordinate. Networking decides with it what the caller sees (a request
 * visible to one of their sites) and may do (act for a site they coordinate); a network admin
 * sees and may do everything.
 */
export interface NetworkActor {
  userId: string;
  networkAdmin: boolean;
  /** Every site the caller holds a role on (coordinator, member, accountant). */
  siteIds: string[];
  /** The sites the caller coordinates. */
  coordinatorOf: string[];
}
