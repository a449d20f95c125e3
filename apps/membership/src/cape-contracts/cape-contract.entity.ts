import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CapeContract } from '@kpa/contracts';
import { CapeContractState, CapePeriod, capeEndsOn, statusOf } from './cape-contract';

@Entity({ name: 'cape_contract' })
export class CapeContractEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'member_id' }) memberId: string;
  @Column('uuid', { name: 'host_structure_id' }) hostStructureId: string;
  @Column('text') activity: string;
  @Column('jsonb') periods: CapePeriod[];
  @Column('date', { name: 'terminated_on', nullable: true }) terminatedOn: string | null;
  @Column('text', { name: 'termination_reason', nullable: true }) terminationReason: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  state(): CapeContractState {
    return { id: this.id, memberId: this.memberId, periods: this.periods, terminatedOn: this.terminatedOn, terminationReason: this.terminationReason };
  }

  toContract(today: string): CapeContract {
    const state = this.state();
    return {
      id: this.id,
      siteId: this.siteId,
      memberId: this.memberId,
      hostStructureId: this.hostStructureId,
      activity: this.activity,
      periods: this.periods,
      startsOn: this.periods[0].startsOn,
      endsOn: capeEndsOn(state),
      renewals: this.periods.length - 1,
      status: statusOf(state, today),
      terminatedOn: this.terminatedOn,
      terminationReason: this.terminationReason,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
