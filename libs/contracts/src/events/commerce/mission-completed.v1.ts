import { defineEvent } from '../../envelope';

/**
 * A mission was completed: who worked on it and how long. Remuneration builds on it. Member ids
 * and hours only, never names (remuneration keeps its own read model of members, erasure included).
 */
export interface MissionCompletedV1 {
  missionId: string;
  title: string;
  activityPole: string | null;
  /** Null for a self-financed activity. */
  clientId: string | null;
  quoteId: string | null;
  startsOn: string;
  endsOn: string;
  completedOn: string;
  /** Hours as decimal strings with two decimals ("7.50"), one entry per member. */
  participants: { memberId: string; hours: string }[];
}

export const MISSION_COMPLETED_V1 = defineEvent<MissionCompletedV1>('commerce.mission.completed', 1);
