import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Interview, InterviewKind, InterviewStatus, SkillAssessment } from '@kpa/contracts';
import { InterviewState } from './interview';

@Entity({ name: 'interview' })
export class InterviewEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'member_id' }) memberId: string;
  @Column('date', { name: 'participation_joined_on' }) participationJoinedOn: string;
  @Column('text') kind: InterviewKind;
  @Column('timestamptz', { name: 'scheduled_at' }) scheduledAt: Date;
  @Column('timestamptz', { name: 'held_at', nullable: true }) heldAt: Date | null;
  @Column('text') status: InterviewStatus;
  @Column('text', { name: 'conducted_by' }) conductedBy: string;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('boolean') private: boolean;
  @Column('jsonb', { name: 'skills_assessment' }) skillsAssessment: SkillAssessment[];
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  state(): InterviewState {
    return {
      id: this.id,
      memberId: this.memberId,
      participationJoinedOn: this.participationJoinedOn,
      kind: this.kind,
      scheduledAt: this.scheduledAt.toISOString(),
      heldAt: this.heldAt ? this.heldAt.toISOString() : null,
      status: this.status,
      conductedBy: this.conductedBy,
      notes: this.notes,
      private: this.private,
      skillsAssessment: this.skillsAssessment,
    };
  }

  /** Takes the state decided by the rules (instants as ISO strings). */
  apply(state: InterviewState): this {
    const { scheduledAt, heldAt, ...rest } = state;
    return Object.assign(this, rest, { scheduledAt: new Date(scheduledAt), heldAt: heldAt === null ? null : new Date(heldAt) });
  }

  toInterview(): Interview {
    return { ...this.state(), siteId: this.siteId, createdAt: this.createdAt.toISOString(), updatedAt: this.updatedAt.toISOString() };
  }
}
