import { Column, Entity, PrimaryColumn } from 'typeorm';
import {
  EntrySituation,
  Gender,
  GuardianConsent,
  JourneyChange,
  JourneyStage,
  LeavingOutcome,
  MemberFile,
  NextPath,
  Participation,
  PostalAddress,
  Referrer,
  Skill,
} from '@kpa/contracts';
import { MemberData } from './member';

@Entity({ name: 'member' })
export class MemberEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('text', { name: 'first_name' }) firstName: string;
  @Column('text', { name: 'last_name' }) lastName: string;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('date', { name: 'birth_date' }) birthDate: string;
  @Column('text') gender: Gender;
  @Column('jsonb', { nullable: true }) address: PostalAddress | null;
  @Column('boolean', { name: 'priority_neighbourhood' }) priorityNeighbourhood: boolean;
  @Column('text') situation: EntrySituation;
  @Column('text', { name: 'referred_by' }) referredBy: Referrer;
  @Column('text', { name: 'referred_by_detail', nullable: true }) referredByDetail: string | null;
  @Column('date', { name: 'charter_signed_on', nullable: true }) charterSignedOn: string | null;
  @Column('jsonb', { nullable: true }) guardian: GuardianConsent | null;
  @Column('date', { name: 'joined_on' }) joinedOn: string;
  @Column('date', { name: 'left_on', nullable: true }) leftOn: string | null;
  @Column('text', { name: 'leaving_outcome', nullable: true }) leavingOutcome: LeavingOutcome | null;
  @Column('jsonb') history: Participation[];
  @Column('jsonb') skills: Skill[];
  @Column('jsonb') passions: string[];
  @Column('jsonb', { name: 'stage_override', nullable: true }) stageOverride: { stage: JourneyStage; reason: string; on: string } | null;
  @Column('text', { name: 'next_path', nullable: true }) nextPath: NextPath | null;
  @Column('jsonb', { name: 'journey_history' }) journeyHistory: JourneyChange[];
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  /** Set when the member was erased (pseudonymised): see member-privacy.ts. */
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt: Date | null;

  data(): MemberData {
    const { id: _id, siteId: _siteId, createdAt: _c, updatedAt: _u, stageOverride: _s, nextPath: _n, journeyHistory: _h, erasedAt: _e, ...data } = this;
    return data as MemberData;
  }

  toFile(): MemberFile {
    return { ...this.data(), id: this.id, siteId: this.siteId, active: this.leftOn === null, createdAt: this.createdAt.toISOString(), updatedAt: this.updatedAt.toISOString() };
  }
}
