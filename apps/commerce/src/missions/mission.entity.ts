import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Mission, MissionParticipant, MissionStatus, SignUp } from '@kpa/contracts';
import { formatHundredths, MissionData, missionDays } from './mission';

@Entity({ name: 'mission' })
export class MissionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('text') title: string;
  @Column('text', { name: 'activity_pole', nullable: true }) activityPole: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('text', { nullable: true }) place: string | null;
  @Column('integer', { name: 'people_needed' }) peopleNeeded: number;
  @Column('uuid', { name: 'client_id', nullable: true }) clientId: string | null;
  @Column('uuid', { name: 'quote_id', nullable: true }) quoteId: string | null;
  @Column('text') status: MissionStatus;
  @Column('date', { name: 'team_confirmed_on', nullable: true }) teamConfirmedOn: string | null;
  @Column('date', { name: 'completed_on', nullable: true }) completedOn: string | null;
  @Column('date', { name: 'cancelled_on', nullable: true }) cancelledOn: string | null;
  @Column('text', { name: 'cancellation_reason', nullable: true }) cancellationReason: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  data(): MissionData {
    const { title, activityPole, description, startsOn, endsOn, place, peopleNeeded } = this;
    return { title, activityPole, description, startsOn, endsOn, place, peopleNeeded };
  }

  /** With its sign-ups (in order of sign-up, `inTeam` marking the confirmed team) and participants, names from commerce's read model. */
  toContract(signUps: (SignUp & { inTeam: boolean })[], participants: (Omit<MissionParticipant, 'hours'> & { hundredths: number })[]): Mission {
    return {
      id: this.id,
      siteId: this.siteId,
      title: this.title,
      activityPole: this.activityPole,
      description: this.description,
      startsOn: this.startsOn,
      endsOn: this.endsOn,
      days: missionDays(this.startsOn, this.endsOn),
      place: this.place,
      peopleNeeded: this.peopleNeeded,
      clientId: this.clientId,
      quoteId: this.quoteId,
      status: this.status,
      signUps: signUps.map(({ memberId, name, signedUpAt }) => ({ memberId, name, signedUpAt })),
      team: signUps.filter((s) => s.inTeam).map(({ memberId, name, signedUpAt }) => ({ memberId, name, signedUpAt })),
      participants: participants.map(({ memberId, name, hundredths }) => ({ memberId, name, hours: formatHundredths(hundredths) })),
      totalHours: formatHundredths(participants.reduce((sum, p) => sum + p.hundredths, 0)),
      teamConfirmedOn: this.teamConfirmedOn,
      completedOn: this.completedOn,
      cancelledOn: this.cancelledOn,
      cancellationReason: this.cancellationReason,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}

@Entity({ name: 'mission_sign_up' })
export class MissionSignUpEntity {
  @PrimaryColumn('uuid', { name: 'mission_id' }) missionId: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('timestamptz', { name: 'signed_up_at' }) signedUpAt: Date;
  @Column('boolean', { name: 'in_team' }) inTeam: boolean;
}

@Entity({ name: 'mission_participant' })
export class MissionParticipantEntity {
  @PrimaryColumn('uuid', { name: 'mission_id' }) missionId: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  /** Hundredths of an hour: exact, never a float. */
  @Column('integer', { name: 'hours_hundredths' }) hoursHundredths: number;
}
