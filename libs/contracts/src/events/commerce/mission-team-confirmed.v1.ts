import { defineEvent } from '../../envelope';

/**
 * A coordinator confirmed (or changed) a mission's team: the members chosen among the sign-ups.
 * Member ids only, never names. The worker tells each member of the team.
 */
export interface MissionTeamConfirmedV1 {
  missionId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  team: string[];
}

/** Stable: a breaking change is a v2 published beside it. */
export const MISSION_TEAM_CONFIRMED_V1 = defineEvent<MissionTeamConfirmedV1>('commerce.mission.team_confirmed', 1);
