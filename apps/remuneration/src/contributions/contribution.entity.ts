import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CollectiveTask, Contribution, ContributionKind, ContributionStatus } from '@kpa/contracts';
import { formatHours } from '../units';

@Entity({ name: 'contribution' })
export class ContributionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'member_id' }) memberId: string;
  @Column('text') kind: ContributionKind;
  @Column('text', { nullable: true }) task: CollectiveTask | null;
  @Column('date', { name: 'worked_on' }) workedOn: string;
  /** "HH:MM", or null when not given. */
  @Column('text', { name: 'start_time', nullable: true }) startTime: string | null;
  /** Hundredths of an hour: exact, never a float. */
  @Column('integer') hundredths: number;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') status: ContributionStatus;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('uuid', { name: 'period_id', nullable: true }) periodId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  toContract(memberName: string): Contribution {
    return {
      id: this.id,
      siteId: this.siteId,
      memberId: this.memberId,
      memberName,
      kind: this.kind,
      task: this.task,
      date: this.workedOn,
      startTime: this.startTime,
      hours: formatHours(this.hundredths),
      note: this.note,
      status: this.status,
      reason: this.reason,
      createdBy: this.createdBy,
      decidedBy: this.decidedBy,
      decidedAt: this.decidedAt ? this.decidedAt.toISOString() : null,
      periodId: this.periodId,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
