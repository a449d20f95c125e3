import { Column, Entity } from 'typeorm';
import { Payment } from '@kpa/contracts';
import { MoneyMovementEntity } from './money-movement.entity';

/** A payment received for an invoice, with the part of its net (excluding VAT) it settles. Never changed. */
@Entity({ name: 'payment' })
export class PaymentEntity extends MoneyMovementEntity {
  @Column('date', { name: 'received_on' }) receivedOn: string;

  toContract(): Payment {
    return { ...this.movementFields(), receivedOn: this.receivedOn };
  }
}
