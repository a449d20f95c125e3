import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  E_REPORTING_FREQUENCIES,
  EReportingFigures,
  EReportingFrequency,
  EReportingPaymentRate,
  EReportingPayments,
  EReportingPeriod,
  EReportingTransactionRate,
  LINE_NATURES,
  LineNature,
  SERVICES_VAT_DUE,
  ServicesVatDue,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';
import { IsCalendarDate } from '../http/calendar-date.decorator';

export class EReportingQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'first day (YYYY-MM-DD); with `to`, or neither for the previous calendar month' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day, included; at most 366 days after from' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
  @ApiPropertyOptional({ enum: E_REPORTING_FREQUENCIES, default: 'monthly', description: 'how the range is cut into transmission periods' })
  @IsOptional()
  @IsIn(E_REPORTING_FREQUENCIES, { message: `frequency must be one of ${E_REPORTING_FREQUENCIES.join(', ')}` })
  frequency?: EReportingFrequency;
}

export class EReportingTransactionRateDto implements EReportingTransactionRate {
  @ApiProperty({ enum: ['S', 'E'] }) category: 'S' | 'E';
  @ApiProperty({ enum: VAT_RATES }) rate: VatRate;
  @ApiProperty({ nullable: true, type: String }) exemptionReason: string | null;
  @ApiProperty({ enum: LINE_NATURES, description: 'goods (livraisons de biens) or service (prestations de services), as the lines say' }) nature: LineNature;
  @ApiProperty({ example: '1000.00' }) invoicedBase: string;
  @ApiProperty({ example: '200.00' }) invoicedVat: string;
  @ApiProperty({ example: '100.00' }) creditedBase: string;
  @ApiProperty({ example: '20.00' }) creditedVat: string;
  @ApiProperty({ example: '900.00', description: 'invoiced − credited (may be negative)' }) base: string;
  @ApiProperty({ example: '180.00' }) vat: string;
  @ApiProperty({ example: '1080.00' }) total: string;
}

export class EReportingPaymentRateDto implements EReportingPaymentRate {
  @ApiProperty({ enum: ['S', 'E'] }) category: 'S' | 'E';
  @ApiProperty({ enum: VAT_RATES }) rate: VatRate;
  @ApiProperty({ nullable: true, type: String }) exemptionReason: string | null;
  @ApiProperty({ example: '600.00' }) received: string;
  @ApiProperty({ example: '0.00' }) refunded: string;
  @ApiProperty({ example: '600.00', description: 'received − refunded' }) amount: string;
  @ApiProperty({ example: '500.00' }) base: string;
  @ApiProperty({ example: '100.00' }) vat: string;
}

export class EReportingTransactionsDto {
  @ApiProperty({ type: [EReportingTransactionRateDto] }) rates: EReportingTransactionRateDto[];
  @ApiProperty() invoiceCount: number;
  @ApiProperty() creditNoteCount: number;
  @ApiProperty({ example: '900.00' }) base: string;
  @ApiProperty({ example: '180.00' }) vat: string;
  @ApiProperty({ example: '1080.00' }) total: string;
}

export class EReportingPaymentsDto implements EReportingPayments {
  @ApiProperty({ type: [EReportingPaymentRateDto] }) rates: EReportingPaymentRateDto[];
  @ApiProperty() paymentCount: number;
  @ApiProperty() refundCount: number;
  @ApiProperty({ example: '600.00' }) amount: string;
  @ApiProperty({ example: '500.00' }) base: string;
  @ApiProperty({ example: '100.00' }) vat: string;
}

export class EReportingPeriodDto implements EReportingPeriod {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: EReportingTransactionsDto, description: 'B2C invoices issued less credit notes issued, per VAT rate' }) transactions: EReportingTransactionsDto;
  @ApiProperty({
    type: EReportingPaymentsDto,
    nullable: true,
    description: 'the services share of the money received less refunds on B2C invoices, per VAT rate; null under the option for VAT on debits',
  })
  payments: EReportingPaymentsDto | null;
}

export class EReportingFiguresDto implements EReportingFigures {
  @ApiProperty({ format: 'uuid' }) hostStructureId: string;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ enum: E_REPORTING_FREQUENCIES }) frequency: EReportingFrequency;
  @ApiProperty({
    enum: SERVICES_VAT_DUE,
    description: 'when VAT on services is due: on receipt (payment data reported) or on debits (the host structure opted for it: no payment data)',
  })
  servicesVatDue: ServicesVatDue;
  @ApiProperty({ nullable: true, type: String, description: 'why there is no payment data (option for debits), or null' }) paymentsNote: string | null;
  @ApiProperty({ type: [EReportingPeriodDto] }) periods: EReportingPeriodDto[];
}
