import { useQuery } from '@tanstack/react-query';
import { meMemberControllerGet } from '../../api/generated/sdk.gen';
import type { CapeContractDto, InterviewDto, JourneyDto, MemberDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';

/**
 * What GET /v1/me/member answers: the member's file with their contracts, journey and own
 * interviews (the gateway's OpenAPI document still declares only the file, MemberDto — so this
 * composes the generated types of each part rather than inventing any).
 */
export interface OwnMember {
  siteId: string;
  member: MemberDto;
  capeContracts: CapeContractDto[];
  journey: JourneyDto;
  interviews: InterviewDto[];
}

/** The signed-in member's own file on this site (404 for an account with no member file here). */
export function useOwnMember(siteId: string, enabled = true) {
  return useQuery({
    enabled: Boolean(siteId) && enabled,
    queryKey: ['me', 'member', siteId],
    queryFn: async () => (await unwrap(meMemberControllerGet({ query: { siteId } }))) as unknown as OwnMember,
  });
}
