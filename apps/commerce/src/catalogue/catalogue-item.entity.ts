import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CatalogueItem, CatalogueUnit, LineNature, VatRate } from '@kpa/contracts';
import { CatalogueItemData, formatTenThousandths } from './catalogue-item';

/** bigint arrives from pg as a string: back to a safe integer (prices stay below 10^13). */
const INTEGER = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'catalogue_item' })
export class CatalogueItemEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('text') label: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') unit: CatalogueUnit;
  @Column('bigint', { name: 'unit_price_ten_thousandths', transformer: INTEGER }) unitPriceTenThousandths: number;
  @Column('text', { name: 'vat_rate' }) vatRate: VatRate;
  @Column('text', { name: 'exemption_reason', nullable: true }) exemptionReason: string | null;
  @Column('text', { name: 'activity_pole', nullable: true }) activityPole: string | null;
  @Column('text') nature: LineNature;
  @Column('boolean') archived: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  data(): CatalogueItemData {
    const { id: _id, siteId: _siteId, createdAt: _c, updatedAt: _u, ...data } = this;
    return data as CatalogueItemData;
  }

  toContract(): CatalogueItem {
    const { unitPriceTenThousandths, ...data } = this.data();
    return {
      ...data,
      unitPrice: formatTenThousandths(unitPriceTenThousandths),
      id: this.id,
      siteId: this.siteId,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
