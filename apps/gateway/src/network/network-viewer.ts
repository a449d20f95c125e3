import { NetworkViewer } from '@kpa/contracts';
import { Principal } from '../auth/roles';

/**
 * Who reads the network, for the visibility rules the networking service applies: a network
 * admin sees every profile; anyone else sees what was published and their own sites' (and only
 * their own sites see their minors in a skill pool).
 */
export function viewerOf(principal: Principal): NetworkViewer {
  return { networkAdmin: principal.networkAdmin, siteIds: [...new Set(principal.sites.map((grant) => grant.siteId))] };
}
