import { Column, Entity } from 'typeorm';
import { Refund } from '@kpa/contracts';
import { MoneyMovementEntity } from './money-movement.entity';

/** Money given back to a client after a credit note on a paid part, with the part of the net it carries. Never changed. */
@Entity({ name: 'refund' })
export class RefundEntity extends MoneyMovementEntity {
  @Column('date', { name: 'refunded_on' }) refundedOn: string;

  toContract(): Refund {
    return { ...this.movementFields(), refundedOn: this.refundedOn };
  }
}
