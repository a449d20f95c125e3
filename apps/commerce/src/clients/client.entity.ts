import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Client, ClientKind, PostalAddress } from '@kpa/contracts';
import { ClientData, sirenOf } from './client';

@Entity({ name: 'client' })
export class ClientEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('text') kind: ClientKind;
  @Column('text') name: string;
  @Column('jsonb', { name: 'billing_address' }) billingAddress: PostalAddress;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('char', { length: 14, nullable: true }) siret: string | null;
  @Column('text', { name: 'vat_number', nullable: true }) vatNumber: string | null;
  @Column('text', { name: 'chorus_service_code', nullable: true }) chorusServiceCode: string | null;
  @Column('boolean', { name: 'commitment_number_required' }) commitmentNumberRequired: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  data(): ClientData {
    const { id: _id, siteId: _siteId, createdAt: _c, updatedAt: _u, ...data } = this;
    return data as ClientData;
  }

  toContract(): Client {
    return { ...this.data(), id: this.id, siteId: this.siteId, siren: sirenOf(this.siret), createdAt: this.createdAt.toISOString(), updatedAt: this.updatedAt.toISOString() };
  }
}
