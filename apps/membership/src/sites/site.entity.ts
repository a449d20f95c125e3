import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CarryingStructure, Site, SiteStatus, Venue } from '@kpa/contracts';

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
  @Column('text', { name: 'address_line', nullable: true }) addressLine: string | null;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode: string | null;
  @Column('jsonb', { name: 'carrying_structure', nullable: true }) carryingStructure: CarryingStructure | null;
  @Column('jsonb') venues: Venue[];
  @Column('jsonb', { name: 'activity_poles' }) activityPoles: string[];
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
      addressLine: this.addressLine,
      postalCode: this.postalCode,
      carryingStructure: this.carryingStructure,
      venues: this.venues,
      activityPoles: this.activityPoles,
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
