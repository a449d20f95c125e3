import { ApiProperty } from '@nestjs/swagger';
import {
  E_INVOICE_DOCUMENT_KINDS,
  EInvoiceDocumentKind,
  EInvoiceTransmission,
  TRANSMISSION_STATUSES,
  TransmissionStatus,
  TransmissionStatusEntry,
  TransmissionStatusSource,
} from '@kpa/contracts';

const REPORTED = TRANSMISSION_STATUSES.filter((status) => status !== 'pending');

export class TransmissionStatusEntryDto implements TransmissionStatusEntry {
  @ApiProperty({ enum: REPORTED }) status: Exclude<TransmissionStatus, 'pending'>;
  @ApiProperty({ example: 205, description: 'the reform’s lifecycle code: 200 deposited, 202 received, 205 accepted, 210 refused, 212 paid, 213 rejected' }) code: number;
  @ApiProperty({ description: 'when it happened, as the PA (or the platform) dated it' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'a refusal’s or a rejection’s reason' }) reason: string | null;
  @ApiProperty({ enum: ['pa', 'platform'], description: 'pa: reported by the PA; platform: the payment the platform reported' }) source: TransmissionStatusSource;
}

export class EInvoiceTransmissionDto implements EInvoiceTransmission {
  @ApiProperty({ enum: E_INVOICE_DOCUMENT_KINDS }) kind: EInvoiceDocumentKind;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'LACAPE-F-2026-00042' }) number: string;
  @ApiProperty({ enum: TRANSMISSION_STATUSES, description: 'pending: queued, not handed to the PA yet; then the reform’s lifecycle statuses' }) status: TransmissionStatus;
  @ApiProperty({ example: 'http', description: 'the adapter it goes through' }) pa: string;
  @ApiProperty({ type: String, nullable: true, description: 'the PA’s reference of the deposit' }) paReference: string | null;
  @ApiProperty({ description: 'failed attempts to deposit it' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'while pending: when the next attempt is due' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the last error met, until the next success' }) lastError: string | null;
  @ApiProperty() queuedAt: string;
  @ApiProperty({ type: [TransmissionStatusEntryDto], description: 'oldest first' }) history: TransmissionStatusEntryDto[];
}
