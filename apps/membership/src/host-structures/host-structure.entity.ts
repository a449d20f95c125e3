import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HostStructure, HostStructureKind } from '@kpa/contracts';

@Entity({ name: 'host_structure' })
export class HostStructureEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: HostStructureKind;
  @Column('text', { name: 'legal_name' }) legalName: string;
  @Column('text') siret: string;
  @Column('text', { name: 'vat_number', nullable: true }) vatNumber: string | null;
  @Column('text') city: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  toContract(): HostStructure {
    return {
      id: this.id,
      kind: this.kind,
      legalName: this.legalName,
      siret: this.siret,
      vatNumber: this.vatNumber,
      city: this.city,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
