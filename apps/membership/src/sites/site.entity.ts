import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Site, SiteStatus } from '@kpa/contracts';

@Entity({ name: 'site' })
export class SiteEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') code: string;
  @Column('text') city: string;
  @Column('text') status: SiteStatus;
  @Column('uuid', { name: 'host_structure_id' }) hostStructureId: string;
  @Column('int', { name: 'minimum_age' }) minimumAge: number;
  @Column('boolean', { name: 'charter_required' }) charterRequired: boolean;
  @Column('int', { name: 'interview_cadence_days' }) interviewCadenceDays: number;
  @Column('int', { name: 'mid_term_review_months' }) midTermReviewAfterMonths: number;
  @Column('int', { name: 'exit_interview_months' }) exitInterviewAfterMonths: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  toContract(): Site {
    return {
      id: this.id,
      name: this.name,
      code: this.code,
      city: this.city,
      status: this.status,
      hostStructureId: this.hostStructureId,
      settings: {
        minimumAge: this.minimumAge,
        charterRequired: this.charterRequired,
        interviewCadenceDays: this.interviewCadenceDays,
        midTermReviewAfterMonths: this.midTermReviewAfterMonths,
        exitInterviewAfterMonths: this.exitInterviewAfterMonths,
      },
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
