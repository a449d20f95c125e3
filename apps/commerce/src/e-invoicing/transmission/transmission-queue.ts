import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ClientKind, SiteId } from '@kpa/contracts';
import { PA_ADAPTER, PaAdapter } from './pa-adapter';
import { isTransmitted } from './transmission';
import { TransmissionRepository } from './transmission.repository';

/**
 * Puts an issued document in line for its PA, inside the transaction that issues it: a document
 * issued is queued, or not issued at all (docs/e-invoicing.md, "Transmission"). Nothing is queued
 * while no PA is connected, nor for a B2C client (e-reporting instead).
 */
@Injectable()
export class TransmissionQueue {
  constructor(
    private readonly transmissions: TransmissionRepository,
    @Inject(PA_ADAPTER) private readonly pa: PaAdapter | null,
  ) {}

  async invoiceIssued(manager: EntityManager, siteId: SiteId, invoiceId: string, client: { kind: ClientKind; vatNumber: string | null }, now: Date): Promise<void> {
    if (this.pa === null || !isTransmitted(client)) return;
    await this.transmissions.queue(manager, { id: uuidv7(), siteId, kind: 'invoice', documentId: invoiceId, pa: this.pa.name, at: now });
  }

  /** A credit note follows its invoice: transmitted when the invoice was. */
  async creditNoteIssued(manager: EntityManager, siteId: SiteId, creditNoteId: string, invoiceId: string, now: Date): Promise<void> {
    if (this.pa === null || !(await this.transmissions.find(manager, siteId, 'invoice', invoiceId))) return;
    await this.transmissions.queue(manager, { id: uuidv7(), siteId, kind: 'credit_note', documentId: creditNoteId, pa: this.pa.name, at: now });
  }
}
