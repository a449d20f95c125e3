import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DomainError,
  E_INVOICE_REFUSED_V1,
  E_INVOICE_DOCUMENT_KINDS,
  EInvoiceTransmission,
  formatCents,
  GetTransmissionRequest,
  invalidField,
  isUuid,
  siteIdOf,
  TransmissionSweepOutcome,
} from '@kpa/contracts';
import { createEvent, LOGGER, Logger, todayInFrance, UnitOfWork } from '@kpa/platform';
import { EInvoiceFilesService } from '../e-invoice-files.service';
import { PA_ADAPTER, PaAdapter } from './pa-adapter';
import { errorText, LIFECYCLE_CODES, nextAttemptAt, paymentToReport, statusAfter } from './transmission';
import { TransmissionRepository } from './transmission.repository';

/** At most this many deposits, and this many looks at open transmissions, per sweep: the rest wait for the next. */
export const SWEEP_LIMIT = 200;

type Deposit = 'deposited' | 'failed';
interface Look {
  statuses: number;
  paymentReported: boolean;
}

/**
 * The transmission of e-invoices to the host structure's PA (docs/e-invoicing.md, "Transmission").
 * The worker asks for a sweep every minute; each step locks one transmission (SKIP LOCKED), calls
 * the PA and records what it answered in the same short transaction, so two sweeps never hand the
 * same document twice and a crash loses nothing: an unfinished step is done again, and the adapters
 * are idempotent for it.
 */
@Injectable()
export class TransmissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly transmissions: TransmissionRepository,
    private readonly files: EInvoiceFilesService,
    @Inject(PA_ADAPTER) private readonly pa: PaAdapter | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async get({ siteId, kind, id }: GetTransmissionRequest): Promise<EInvoiceTransmission> {
    if (!E_INVOICE_DOCUMENT_KINDS.includes(kind)) throw invalidField('kind', `kind must be one of ${E_INVOICE_DOCUMENT_KINDS.join(', ')}.`);
    const what = kind === 'invoice' ? 'invoice' : 'credit note';
    const row = isUuid(id) ? await this.transmissions.find(this.dataSource.manager, siteIdOf(siteId), kind, id) : undefined;
    if (!row) {
      throw new DomainError(
        'TRANSMISSION_NOT_FOUND',
        `The ${what} ${String(id)} has no transmission to an approved platform on this site: only documents issued to a business, a public body or a VAT-registered association while a PA is connected are transmitted (sales to individuals go to the e-reporting).`,
        { id },
      );
    }
    const history = await this.transmissions.history(this.dataSource.manager, row.siteId, row.id);
    return {
      kind: row.kind,
      id: row.documentId,
      number: row.number,
      status: row.status,
      pa: row.pa,
      paReference: row.paReference,
      attempts: row.attempts,
      nextAttemptAt: row.status === 'pending' && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
      lastError: row.lastError,
      queuedAt: row.queuedAt.toISOString(),
      history: history.map((entry) => ({ ...entry, code: LIFECYCLE_CODES[entry.status] })),
    };
  }

  /** Deposits what is due, then follows what is on its way (its statuses, the payment to report). */
  async sweep(): Promise<TransmissionSweepOutcome> {
    const outcome: TransmissionSweepOutcome = { deposited: 0, failed: 0, statusesRecorded: 0, paymentsReported: 0 };
    const pa = this.pa;
    if (pa === null) return outcome;
    const started = new Date();
    for (let step = 0; step < SWEEP_LIMIT; step++) {
      const done = await this.depositNext(pa, started);
      if (done === undefined) break;
      outcome[done] += 1;
    }
    for (let step = 0; step < SWEEP_LIMIT; step++) {
      const look = await this.followNext(pa, started);
      if (look === undefined) break;
      outcome.statusesRecorded += look.statuses;
      if (look.paymentReported) outcome.paymentsReported += 1;
    }
    return outcome;
  }

  private depositNext(pa: PaAdapter, dueBy: Date): Promise<Deposit | undefined> {
    return this.unitOfWork.run(async ({ manager }) => {
      const row = await this.transmissions.lockNextDue(manager, dueBy);
      if (!row) return undefined;
      try {
        const file = await this.files.stored({ siteId: row.siteId, kind: row.kind, id: row.documentId, format: 'factur-x' });
        const { reference } = await pa.deposit({
          kind: row.kind,
          documentId: row.documentId,
          number: row.number,
          sellerSiren: row.sellerSiren,
          buyerSiren: row.buyerSiret ? row.buyerSiret.slice(0, 9) : null,
          filename: file.filename,
          bytes: file.bytes,
          sha256: file.sha256,
        });
        const now = new Date();
        await this.transmissions.markDeposited(manager, row.id, reference, now);
        await this.transmissions.recordStatus(manager, { transmissionId: row.id, siteId: row.siteId, status: 'deposited', occurredAt: now, reason: null, source: 'pa' }, now);
        return 'deposited';
      } catch (error) {
        const now = new Date();
        const attempts = row.attempts + 1;
        await this.transmissions.markFailed(manager, row.id, { attempts, nextAttemptAt: nextAttemptAt(attempts, now), error: errorText(error) }, now);
        this.logger.warn({ err: error, transmissionId: row.id, number: row.number, attempts }, 'e-invoice transmission: the deposit failed; tried again later');
        return 'failed';
      }
    });
  }

  private followNext(pa: PaAdapter, lookedBefore: Date): Promise<Look | undefined> {
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const row = await this.transmissions.lockNextOpen(manager, lookedBefore);
      if (!row) return undefined;
      const look: Look = { statuses: 0, paymentReported: false };
      try {
        let status = row.status;
        const reports = (await pa.statuses(row.paReference as string)).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
        for (const report of reports) {
          const entry = { transmissionId: row.id, siteId: row.siteId, status: report.status, occurredAt: report.occurredAt, reason: report.reason, source: 'pa' as const };
          if (await this.transmissions.recordStatus(manager, entry, new Date())) look.statuses += 1;
          const next = statusAfter(status, report.status);
          if (next !== status && (next === 'refused' || next === 'rejected')) {
            // Ended badly: the site's coordinators are told (once: the status only ever moves once to an end).
            const data = {
              siteId: row.siteId,
              kind: row.kind,
              documentId: row.documentId,
              number: row.number,
              status: next,
              reason: report.reason,
              occurredAt: report.occurredAt.toISOString(),
            };
            await publish(createEvent(E_INVOICE_REFUSED_V1, row.siteId, data, new Date()));
          }
          status = next;
        }
        await this.transmissions.setStatus(manager, row.id, status, new Date());
        if (paymentToReport(row.kind, row.invoicePaid, status)) {
          const now = new Date();
          await pa.reportPayment(row.paReference as string, { paidOn: row.paidOn ?? todayInFrance(now), amount: formatCents(row.receivedCents) });
          await this.transmissions.recordStatus(manager, { transmissionId: row.id, siteId: row.siteId, status: 'paid', occurredAt: now, reason: null, source: 'platform' }, now);
          await this.transmissions.setStatus(manager, row.id, statusAfter(status, 'paid'), now);
          look.paymentReported = true;
        }
      } catch (error) {
        await this.transmissions.noteError(manager, row.id, errorText(error), new Date());
        this.logger.warn({ err: error, transmissionId: row.id, number: row.number }, 'e-invoice transmission: the PA did not answer; asked again at the next sweep');
      }
      return look;
    });
  }
}
