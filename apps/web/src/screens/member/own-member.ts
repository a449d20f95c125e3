import { useQuery } from '@tanstack/react-query';
import { meMemberControllerGet } from '../../api/generated/sdk.gen';
import type { OwnMemberDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';

/** What GET /v1/me/member answers: the member's file with their contracts, journey and own interviews. */
export type OwnMember = OwnMemberDto;

/** The signed-in member's own file on this site (404 for an account with no member file here). */
export function useOwnMember(siteId: string, enabled = true) {
  return useQuery({
    enabled: Boolean(siteId) && enabled,
    queryKey: ['me', 'member', siteId],
    queryFn: async () => unwrap(meMemberControllerGet({ query: { siteId } })),
  });
}
