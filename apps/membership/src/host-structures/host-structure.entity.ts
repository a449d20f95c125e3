import { Column, Entity, PrimaryColumn } from 'typeorm';
import { formatCents, HostStructure, HostStructureKind } from '@kpa/contracts';
import { HostStructureData } from './host-structure';

/** bigint comes back from pg as a string: cents stay exact as long as they are safe integers. */
const centsTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity({ name: 'host_structure' })
export class HostStructureEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: HostStructureKind;
  @Column('text', { name: 'legal_name' }) legalName: string;
  @Column('text', { name: 'legal_form', nullable: true }) legalForm: string | null;
  @Column('bigint', { name: 'share_capital_cents', nullable: true, transformer: centsTransformer }) shareCapitalCents: number | null;
  @Column('text', { name: 'rcs_city', nullable: true }) rcsCity: string | null;
  @Column('text') siret: string;
  @Column('text', { name: 'vat_number', nullable: true }) vatNumber: string | null;
  @Column('text', { name: 'address_line', nullable: true }) addressLine: string | null;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode: string | null;
  @Column('text') city: string;
  @Column('text', { nullable: true }) iban: string | null;
  @Column('text', { nullable: true }) bic: string | null;
  @Column('text', { name: 'electronic_address', nullable: true }) electronicAddress: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('boolean', { name: 'vat_on_debits', default: false }) vatOnDebits: boolean;
  @Column('text', { name: 'mediator_name', nullable: true }) mediatorName: string | null;
  @Column('text', { name: 'mediator_contact', nullable: true }) mediatorContact: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  data(): HostStructureData {
    const { kind, legalName, legalForm, shareCapitalCents, rcsCity, siret, vatNumber, addressLine, postalCode, city } = this;
    const { iban, bic, electronicAddress, phone, email, vatOnDebits, mediatorName, mediatorContact } = this;
    return {
      ...{ kind, legalName, legalForm, shareCapitalCents, rcsCity, siret, vatNumber, addressLine, postalCode, city },
      ...{ iban, bic, electronicAddress, phone, email, vatOnDebits, mediatorName, mediatorContact },
    };
  }

  toContract(): HostStructure {
    return {
      id: this.id,
      kind: this.kind,
      legalName: this.legalName,
      legalForm: this.legalForm,
      shareCapital: this.shareCapitalCents === null ? null : formatCents(this.shareCapitalCents),
      rcsCity: this.rcsCity,
      siren: this.siret.slice(0, 9),
      siret: this.siret,
      vatNumber: this.vatNumber,
      vatFranchise: this.vatNumber === null,
      addressLine: this.addressLine,
      postalCode: this.postalCode,
      city: this.city,
      iban: this.iban,
      bic: this.bic,
      electronicAddress: this.electronicAddress,
      phone: this.phone,
      email: this.email,
      vatOnDebits: this.vatOnDebits,
      mediatorName: this.mediatorName,
      mediatorContact: this.mediatorContact,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
