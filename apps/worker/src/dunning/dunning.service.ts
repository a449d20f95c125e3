import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  addDays,
  AddCollectionNoteRequest,
  CollectionEntry,
  CollectionLog,
  DomainError,
  DunningDraftList,
  DunningDraftLetter,
  DunningPolicyView,
  DunningStatus,
  DunningStatuses,
  formatCents,
  jobRequest,
  parseCents,
  QUEUES,
  REMINDER_SENT_V1,
  RPC,
  SetDunningPolicyRequest,
} from '@kpa/contracts';
import { createEvent, LOGGER, Logger, RequestContext, RpcClient, UnitOfWork } from '@kpa/platform';
import { OutgoingMail } from '../mail/outgoing-mail';
import { letterAmountDueCents, letterHtml, letterText, reminderLetter } from './dunning-letter';
import {
  amountDueCents,
  checkDunningPolicy,
  DEFAULT_DUNNING_POLICY,
  DunningLevel,
  DunningPolicy,
  DunningState,
  isPaused,
  MAX_COURTESY_DAYS,
  nextReminder,
  parisClock,
  reminderDue,
} from './dunning-schedule';
import { DunningInvoiceRow, DunningRepository, PauseRow, ReminderRow } from './dunning.repository';
import { isFrenchPublicHoliday } from './french-holidays';
import { renderLetterPdf } from './letter-pdf';
import { WorkerClock } from './worker-clock';

/** Invoices read per page of the sweep: one query for their reminders and pauses, one insert for what is due. */
const SWEEP_PAGE = 5000;
const LATE_PENALTY = /^En cas de retard de paiement/;

export function sendJobId(invoiceId: string, level: DunningLevel): string {
  return `dunning-send:${invoiceId}:${level}`;
}

/** Dunning use cases: the sweep, the sending of one reminder, the policy, pauses, notes, drafts. */
@Injectable()
export class DunningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: DunningRepository,
    private readonly outgoingMail: OutgoingMail,
    private readonly rpc: RpcClient,
    private readonly clock: WorkerClock,
    @InjectQueue(QUEUES.dunning) private readonly queue: Queue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Everything due as of now and not yet done: records each due reminder under its unique key
   * (invoice × level; a concurrent sweep that got there first wins, this one records nothing) and
   * adds a send job for every pending reminder, with a stable job id. Run twice, by two workers, or
   * after a Redis FLUSHALL, it records nothing twice; the send job queues each e-mail once.
   */
  async sweep(now = this.clock.now()): Promise<{ recorded: number; drafts: number; enqueued: number }> {
    return RequestContext.acrossSites(async () => {
      // Regional by design: the sweep reads every site's open invoices.
      const manager = this.dataSource.manager;
      const today = parisClock(now).date;
      const latestDueOn = addDays(today, MAX_COURTESY_DAYS);
      const policies = new Map<string, DunningPolicy>();
      let recorded = 0;
      let drafts = 0;
      let after: string | null = null;
      for (;;) {
        const page = await this.repository.candidates(manager, latestDueOn, after, SWEEP_PAGE);
        if (page.length === 0) break;
        after = page[page.length - 1].invoiceId;
        await this.loadPolicies(manager, page, policies);
        const ids = page.map((row) => row.invoiceId);
        const [reminders, pauses] = await Promise.all([this.repository.remindersOf(manager, ids), this.repository.pausesOf(manager, ids)]);
        const remindersOf = groupBy(reminders, (r) => r.invoiceId);
        const pausesOf = groupBy(pauses, (p) => p.invoiceId);
        const due = page.flatMap((invoice) => {
          const reminder = reminderDue(this.state(invoice, remindersOf.get(invoice.invoiceId), pausesOf.get(invoice.invoiceId), policies.get(invoice.siteId)), now);
          return reminder
            ? [
                {
                  invoiceId: invoice.invoiceId,
                  siteId: invoice.siteId,
                  level: reminder.level,
                  status: reminder.action === 'draft' ? ('draft' as const) : ('pending' as const),
                  dueDay: today,
                },
              ]
            : [];
        });
        const inserted = await this.repository.recordReminders(manager, due);
        recorded += inserted.filter((r) => r.status === 'pending').length;
        drafts += inserted.filter((r) => r.status === 'draft').length;
        if (page.length < SWEEP_PAGE) break;
      }
      const enqueued = await this.enqueuePending(manager);
      return { recorded, drafts, enqueued };
    });
  }

  /**
   * A send job for every pending reminder (newly recorded, or whose job Redis lost). A job id that
   * still exists is not added again; a job that failed all its attempts (commerce down) stays an
   * hour on the dashboard, then the next sweep adds it again: the reminder is never forgotten.
   */
  private async enqueuePending(manager: EntityManager): Promise<number> {
    let enqueued = 0;
    for (const page of chunks(await this.repository.pending(manager, 100_000), 1000)) {
      await this.queue.addBulk(
        page.map((reminder) => {
          const job = jobRequest('dunning.send', { siteId: reminder.siteId, invoiceId: reminder.invoiceId, level: reminder.level });
          return {
            name: job.name,
            data: job.data,
            opts: {
              jobId: sendJobId(reminder.invoiceId, reminder.level),
              attempts: 5,
              backoff: { type: 'exponential', delay: 5000 },
              removeOnComplete: 1000,
              removeOnFail: { age: 3600 },
            },
          };
        }),
      );
      enqueued += page.length;
    }
    return enqueued;
  }

  /** The `dunning.send` job: idempotent, a stalled job retried or run twice queues the e-mail once. */
  async send(siteId: string, invoiceId: string, level: DunningLevel): Promise<'queued' | 'skipped' | 'dropped'> {
    return RequestContext.forSite(siteId, () => this.queueEmail(siteId, invoiceId, level, 'pending', null));
  }

  private async queueEmail(siteId: string, invoiceId: string, level: DunningLevel, expected: 'pending' | 'draft', by: string | null): Promise<'queued' | 'skipped' | 'dropped'> {
    const manager = this.dataSource.manager;
    const reminder = await this.repository.reminder(manager, invoiceId, level);
    if (!reminder || reminder.status !== expected) return 'skipped';
    const invoice = await this.repository.invoice(manager, siteId, invoiceId);
    if (!invoice || invoice.settledOn !== null || amountDueCents(invoice) === 0) {
      await this.repository.markDropped(manager, invoiceId, level);
      return 'dropped';
    }
    const [{ client, figures, letter, letterPdf }, pdf] = await Promise.all([
      this.letterOf(siteId, invoice, level),
      this.rpc.call(RPC.commerce.documentPdf, { siteId, kind: 'invoice', id: invoiceId }),
    ]);
    if (!client.email || letterAmountDueCents(figures) === 0) {
      if (!client.email) this.logger.warn({ invoiceId, level }, 'dunning: the client has no e-mail address; the reminder is dropped (see the collection log)');
      await this.repository.markDropped(manager, invoiceId, level);
      return 'dropped';
    }
    return this.unitOfWork.run(async (tx) => {
      const locked = await this.repository.reminder(tx.manager, invoiceId, level, true);
      if (!locked || locked.status !== expected) return 'skipped' as const;
      const mail = await this.outgoingMail.queue(tx.manager, {
        key: `dunning:${invoiceId}:${level}`,
        siteId,
        to: client.email as string,
        template: `dunning.level${level}`,
        language: 'fr',
        subject: letter.subject,
        text: letterText(letter),
        html: letterHtml(letter),
        attachments: [
          { filename: `relance-${level}-${invoice.number}.pdf`, contentType: 'application/pdf', content: letterPdf },
          { filename: pdf.filename, contentType: 'application/pdf', content: Buffer.from(pdf.contentBase64, 'base64') },
        ],
      });
      await this.repository.markQueued(tx.manager, invoiceId, level, mail.messageId, by);
      await tx.publish(createEvent(REMINDER_SENT_V1, siteId, { invoiceId, level, mailId: mail.messageId }, this.clock.now()));
      return 'queued' as const;
    });
  }

  /**
   * The letter of a reminder as written today, and its PDF. What the read model does not hold is
   * asked when it is written: the client's kind, name and address (personal data the worker does
   * not keep), the invoice's figures as commerce knows them (deposits of a final invoice
   * included), its printed mentions; the site's name and city.
   */
  private async letterOf(siteId: string, invoice: DunningInvoiceRow, level: DunningLevel) {
    const [facts, client, site] = await Promise.all([
      this.rpc.call(RPC.commerce.invoiceGet, { siteId, invoiceId: invoice.invoiceId }),
      this.rpc.call(RPC.commerce.clientGet, { siteId, clientId: invoice.clientId }),
      this.rpc.call(RPC.membership.siteGet, { siteId }),
    ]);
    const cents = (value: string) => parseCents(value) ?? 0;
    const figures = {
      totalCents: cents(facts.totals.total),
      depositsCents: cents(facts.totals.depositsDeducted),
      paidCents: cents(facts.paid),
      creditedCents: cents(facts.credited),
    };
    const writtenOn = parisClock(this.clock.now()).date;
    const letter = reminderLetter({
      level,
      clientKind: client.kind,
      clientName: client.name,
      senderName: site.name,
      invoiceNumber: invoice.number,
      issuedOn: invoice.issuedOn,
      dueOn: invoice.dueOn,
      ...figures,
      invoiceLatePenaltySentence: facts.mentions?.find((sentence) => LATE_PENALTY.test(sentence)) ?? null,
      writtenOn,
    });
    return { client, figures, letter, letterPdf: await renderLetterPdf(letter, writtenOn, site.city) };
  }

  /** The formal notice a coordinator reviews, as it would be sent today: the same letter and PDF the send queues. */
  async draftLetter(siteId: string, invoiceId: string): Promise<DunningDraftLetter> {
    const manager = this.dataSource.manager;
    const reminder = await this.repository.reminder(manager, invoiceId, 3);
    const invoice = await this.repository.invoice(manager, siteId, invoiceId);
    if (!reminder || reminder.siteId !== siteId || !invoice)
      throw new DomainError('DUNNING_DRAFT_NOT_FOUND', 'This invoice has no formal notice (mise en demeure) prepared.', { invoiceId });
    if (reminder.status !== 'draft') {
      throw new DomainError(
        'DUNNING_DRAFT_ALREADY_SENT',
        `The formal notice of this invoice was already ${reminder.status === 'queued' ? 'sent' : 'dropped (the invoice was settled)'}.`,
        {
          invoiceId,
        },
      );
    }
    const { letterPdf } = await this.letterOf(siteId, invoice, 3);
    return { filename: `mise-en-demeure-${invoice.number}.pdf`, contentType: 'application/pdf', base64: letterPdf.toString('base64') };
  }

  // --- policy -----------------------------------------------------------------------------------

  async policy(siteId: string): Promise<DunningPolicyView> {
    const stored = (await this.repository.policies(this.dataSource.manager, [siteId])).get(siteId);
    return policyView(siteId, stored?.policy ?? DEFAULT_DUNNING_POLICY, stored?.updatedAt ?? null);
  }

  async setPolicy(request: SetDunningPolicyRequest): Promise<DunningPolicyView> {
    const { courtesy, level1, level2, level3, sendFromHour, sendUntilHour } = request.policy;
    const policy: DunningPolicy = { courtesy, level1, level2, level3, sendFromHour, sendUntilHour };
    checkDunningPolicy(policy);
    const updatedAt = await this.unitOfWork.run((tx) => this.repository.setPolicy(tx.manager, request.siteId, policy, request.actor.userId));
    return policyView(request.siteId, policy, updatedAt);
  }

  // --- collection log ---------------------------------------------------------------------------

  async collectionLog(siteId: string, invoiceId: string, manager: EntityManager = this.dataSource.manager): Promise<CollectionLog> {
    const invoice = await this.repository.invoice(manager, siteId, invoiceId);
    if (!invoice) throw notFound(invoiceId);
    const [reminders, pauses, notes, policy] = await Promise.all([
      this.repository.remindersOf(manager, [invoiceId]),
      this.repository.pausesOf(manager, [invoiceId]),
      this.repository.notesOf(manager, invoiceId),
      this.policyOf(manager, siteId),
    ]);
    const entries: CollectionEntry[] = [
      ...reminders.map((r): CollectionEntry => ({ type: 'reminder', at: (r.queuedAt ?? r.recordedAt).toISOString(), level: r.level, status: r.status, by: r.sentBy })),
      ...pauses.map((p): CollectionEntry => ({
        type: 'pause',
        at: p.pausedAt.toISOString(),
        reason: p.reason,
        by: p.pausedBy,
        resumedAt: p.resumedAt?.toISOString() ?? null,
        resumedBy: p.resumedBy,
      })),
      ...notes.map((n): CollectionEntry => ({
        type: n.kind,
        at: n.createdAt.toISOString(),
        text: n.text,
        promisedOn: n.promisedOn,
        promisedAmount: n.promisedCents === null ? null : formatCents(n.promisedCents),
        by: n.createdBy,
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      invoiceId,
      siteId,
      number: invoice.number,
      dueOn: invoice.dueOn,
      total: formatCents(invoice.totalCents),
      paid: formatCents(invoice.paidCents),
      credited: formatCents(invoice.creditedCents),
      outstanding: formatCents(amountDueCents(invoice)),
      status: this.status(invoice, reminders, pauses, policy),
      entries,
    };
  }

  async pause(siteId: string, invoiceId: string, reason: string, by: string): Promise<CollectionLog> {
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.repository.invoice(tx.manager, siteId, invoiceId, true))) throw notFound(invoiceId);
      const paused = await this.repository.pause(tx.manager, { id: uuidv7(), invoiceId, siteId, reason, at: this.clock.now(), by });
      if (!paused) throw new DomainError('DUNNING_ALREADY_PAUSED', 'Dunning of this invoice is already paused: resume it first.', { invoiceId });
      return this.collectionLog(siteId, invoiceId, tx.manager);
    });
  }

  async resume(siteId: string, invoiceId: string, by: string): Promise<CollectionLog> {
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.repository.invoice(tx.manager, siteId, invoiceId, true))) throw notFound(invoiceId);
      if (!(await this.repository.resume(tx.manager, invoiceId, this.clock.now(), by))) {
        throw new DomainError('DUNNING_NOT_PAUSED', 'Dunning of this invoice is not paused.', { invoiceId });
      }
      return this.collectionLog(siteId, invoiceId, tx.manager);
    });
  }

  async addNote(request: AddCollectionNoteRequest): Promise<CollectionLog> {
    const { siteId, invoiceId } = request;
    const promisedCents = request.promisedAmount === undefined ? null : (parseCents(request.promisedAmount) ?? null);
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.repository.invoice(tx.manager, siteId, invoiceId))) throw notFound(invoiceId);
      await this.repository.addNote(tx.manager, {
        id: uuidv7(),
        invoiceId,
        siteId,
        kind: request.kind,
        text: request.text,
        promisedOn: request.kind === 'promise_to_pay' ? (request.promisedOn ?? null) : null,
        promisedCents: request.kind === 'promise_to_pay' ? promisedCents : null,
        at: this.clock.now(),
        by: request.actor.userId,
      });
      return this.collectionLog(siteId, invoiceId, tx.manager);
    });
  }

  /** The board's dunning columns, for the invoices of one page of commerce's receivables. */
  async statuses(siteIds: string[], invoiceIds: string[]): Promise<DunningStatuses> {
    const manager = this.dataSource.manager;
    const invoices = await this.repository.invoices(manager, siteIds, invoiceIds);
    const ids = invoices.map((i) => i.invoiceId);
    const [reminders, pauses] = await Promise.all([this.repository.remindersOf(manager, ids), this.repository.pausesOf(manager, ids)]);
    const policies = new Map<string, DunningPolicy>();
    await this.loadPolicies(manager, invoices, policies);
    const remindersOf = groupBy(reminders, (r) => r.invoiceId);
    const pausesOf = groupBy(pauses, (p) => p.invoiceId);
    return {
      statuses: Object.fromEntries(
        invoices.map((invoice) => [
          invoice.invoiceId,
          this.status(invoice, remindersOf.get(invoice.invoiceId) ?? [], pausesOf.get(invoice.invoiceId) ?? [], policies.get(invoice.siteId) ?? DEFAULT_DUNNING_POLICY),
        ]),
      ),
    };
  }

  // --- level-3 drafts ---------------------------------------------------------------------------

  async drafts(siteId: string): Promise<DunningDraftList> {
    const manager = this.dataSource.manager;
    const rows = await this.repository.drafts(manager, siteId);
    const invoices = new Map(
      (
        await this.repository.invoices(
          manager,
          [siteId],
          rows.map((r) => r.invoiceId),
        )
      ).map((i) => [i.invoiceId, i]),
    );
    return {
      items: rows.map((row) => ({
        invoiceId: row.invoiceId,
        siteId,
        number: row.number,
        dueOn: row.dueOn,
        outstanding: formatCents(amountDueCents(invoices.get(row.invoiceId) ?? { totalCents: 0, paidCents: 0, creditedCents: 0 })),
        preparedAt: row.recordedAt.toISOString(),
      })),
    };
  }

  /** A coordinator sends the formal notice: queued once (a second send answers 409). */
  async sendDraft(siteId: string, invoiceId: string, by: string): Promise<CollectionLog> {
    const reminder = await this.repository.reminder(this.dataSource.manager, invoiceId, 3);
    if (!reminder || reminder.siteId !== siteId) throw new DomainError('DUNNING_DRAFT_NOT_FOUND', 'This invoice has no formal notice (mise en demeure) prepared.', { invoiceId });
    if (reminder.status !== 'draft') {
      throw new DomainError(
        'DUNNING_DRAFT_ALREADY_SENT',
        `The formal notice of this invoice was already ${reminder.status === 'queued' ? 'sent' : 'dropped (the invoice was settled)'}.`,
        { invoiceId },
      );
    }
    const outcome = await this.queueEmail(siteId, invoiceId, 3, 'draft', by);
    if (outcome === 'skipped') throw new DomainError('DUNNING_DRAFT_ALREADY_SENT', 'The formal notice of this invoice was already sent.', { invoiceId });
    return this.collectionLog(siteId, invoiceId);
  }

  // --- helpers ----------------------------------------------------------------------------------

  private state(invoice: DunningInvoiceRow, reminders: ReminderRow[] = [], pauses: PauseRow[] = [], policy: DunningPolicy = DEFAULT_DUNNING_POLICY): DunningState {
    return {
      invoice: { ...invoice, settled: invoice.settledOn !== null },
      // A dropped reminder still counts: it is not sent again, and the next level follows.
      reminders: reminders.map((r) => ({ level: r.level, on: r.dueDay })),
      pauses: pauses.map((p) => ({ from: p.pausedAt, until: p.resumedAt })),
      policy,
      isHoliday: isFrenchPublicHoliday,
    };
  }

  private status(invoice: DunningInvoiceRow, reminders: ReminderRow[], pauses: PauseRow[], policy: DunningPolicy): DunningStatus {
    const now = this.clock.now();
    const next = nextReminder(this.state(invoice, reminders, pauses, policy), now);
    const level = reminders.filter((r) => r.status !== 'dropped').reduce<number>((max, r) => Math.max(max, r.level), -1) as DunningStatus['level'];
    return {
      level,
      paused: isPaused(
        pauses.map((p) => ({ from: p.pausedAt, until: p.resumedAt })),
        now,
      ),
      settled: invoice.settledOn !== null || amountDueCents(invoice) === 0,
      nextStep: next ? { level: next.level, action: next.action, on: next.on } : null,
    };
  }

  private async policyOf(manager: EntityManager, siteId: string): Promise<DunningPolicy> {
    return (await this.repository.policies(manager, [siteId])).get(siteId)?.policy ?? DEFAULT_DUNNING_POLICY;
  }

  private async loadPolicies(manager: EntityManager, invoices: DunningInvoiceRow[], cache: Map<string, DunningPolicy>): Promise<void> {
    const missing = [...new Set(invoices.map((i) => i.siteId))].filter((siteId) => !cache.has(siteId));
    if (missing.length === 0) return;
    const stored = await this.repository.policies(manager, missing);
    for (const siteId of missing) cache.set(siteId, stored.get(siteId)?.policy ?? DEFAULT_DUNNING_POLICY);
  }
}

function policyView(siteId: string, policy: DunningPolicy, updatedAt: Date | null): DunningPolicyView {
  return { siteId, ...policy, customised: updatedAt !== null, updatedAt: updatedAt?.toISOString() ?? null };
}

function notFound(invoiceId: string): DomainError {
  return new DomainError('DUNNING_INVOICE_NOT_FOUND', 'No issued invoice of this site has this id (the worker learns of an invoice when it is issued).', { invoiceId });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
