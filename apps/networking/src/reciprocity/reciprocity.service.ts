import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateTemplateRequest,
  DecideManualEntryRequest,
  DomainError,
  formatCents,
  isUuid,
  ListTemplatesRequest,
  ManualEntry,
  optionalText,
  parseCents,
  ProposeManualEntryRequest,
  ReciprocityBoard,
  ReciprocityBoardRequest,
  ReciprocityMovement,
  ReciprocitySettings,
  ReciprocityStatement,
  ReciprocityStatementRequest,
  ReciprocityTemplate,
  requiredText,
  ReverseMovementRequest,
  siteIdOf,
  SiteReciprocity,
  SiteReciprocityBalance,
  SiteReciprocityRequest,
  TemplateList,
  UpdateReciprocitySettingsRequest,
  UpdateTemplateRequest,
} from '@kpa/contracts';
import { toCsv, UnitOfWork } from '@kpa/platform';
import { requireCoordinatorOf } from '../network-actor';
import { balancesOf, checkedTemplate, contributionSummary, isBelowSoftLimit, manualEntry, parseSoftLimit, reversalOf } from './reciprocity';
import { ReciprocityLedger } from './reciprocity-ledger';
import { ReciprocitySite, ReciprocitySitesRepository } from './reciprocity-sites.repository';
import { EntryRow, MovementView, ReciprocityRepository, TemplateRow } from './reciprocity.repository';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The reciprocity ledger's board, statements, corrections, templates, soft limit and manual entries. */
@Injectable()
export class ReciprocityService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: ReciprocityRepository,
    private readonly sites: ReciprocitySitesRepository,
    private readonly ledger: ReciprocityLedger,
  ) {}

  async board(request: ReciprocityBoardRequest): Promise<ReciprocityBoard> {
    return this.uow.run(async (tx) => {
      const { balances, total, softLimit, sites } = await this.balances(tx.manager);
      const movements = await this.repository.movements(tx.manager, request);
      return { balances, total: formatCents(total), softLimit, movements: { items: movements.items.map((m) => this.movementView(m, sites)), nextCursor: movements.nextCursor } };
    });
  }

  async site(request: SiteReciprocityRequest): Promise<SiteReciprocity> {
    return this.uow.run(async (tx) => {
      const { balances, softLimit, sites } = await this.balances(tx.manager);
      const own = balances.find((b) => b.siteId === request.siteId) ?? this.emptyBalance(request.siteId, sites.get(request.siteId)?.name ?? '');
      const movements = await this.repository.movements(tx.manager, { ...request, siteId: request.siteId });
      const pending = await this.repository.pendingEntriesOf(tx.manager, request.siteId);
      return {
        ...own,
        softLimit,
        movements: { items: movements.items.map((m) => this.movementView(m, sites)), nextCursor: movements.nextCursor },
        pendingEntries: pending.map((e) => this.entryView(e, sites)),
      };
    });
  }

  /** The year's movements of one site as CSV (French spreadsheet conventions: `;`, decimal comma, BOM). */
  async statement({ siteId, year }: ReciprocityStatementRequest): Promise<ReciprocityStatement> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('VALIDATION_FAILED', 'year must be a year like 2026.', { field: 'year' });
    return this.uow.run(async (tx) => {
      const rows = await this.repository.movementsOfYear(tx.manager, siteId, year);
      const sites = await this.sites.byIds(tx.manager, [siteId, ...rows.flatMap((m) => [m.giverSiteId, m.receiverSiteId])]);
      const comma = (hours: string) => hours.replace('.', ',');
      let given = 0;
      let received = 0;
      const lines = rows.map((m) => {
        const gave = m.giverSiteId === siteId;
        const hundredths = parseCents(m.hours)!;
        if (gave) given += hundredths;
        else received += hundredths;
        const other = gave ? m.receiverSiteId : m.giverSiteId;
        const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date(m.recordedAt));
        return [day, m.kind, sites.get(other)?.name ?? other, gave ? comma(m.hours) : '', gave ? '' : comma(m.hours), m.label, m.recordedBy, m.id, m.reversesId ?? ''];
      });
      const csv = toCsv([
        ['date', 'nature', 'autre site', 'heures données', 'heures reçues', 'libellé', 'enregistré par', 'mouvement', 'annule le mouvement'],
        ...lines,
        ['total', '', '', comma(formatCents(given)), comma(formatCents(received)), contributionSummary(given, received), '', '', ''],
      ]);
      const code = (sites.get(siteId)?.name ?? siteId)
        .normalize('NFD')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase();
      return { filename: `reciprocite-${code || 'site'}-${year}.csv`, csv };
    });
  }

  /** A correction: the reversing movement, never an edit. Network admin only (the gateway's rule); the reason is its label. */
  async reverse({ actor, movementId, reason }: ReverseMovementRequest): Promise<ReciprocityMovement> {
    const why = requiredText(reason, 'reason', 1, 300);
    return this.uow.run(async (tx) => {
      const now = new Date();
      const movement = isUuid(movementId) ? await this.repository.lockMovement(tx.manager, movementId.toLowerCase()) : undefined;
      if (!movement) throw new DomainError('RECIPROCITY_MOVEMENT_NOT_FOUND', `No movement ${movementId} in the reciprocity ledger.`, { movementId });
      const reversal = reversalOf({ ...movement, hours: parseCents(movement.hours)! }, movement.reversedById !== null);
      const written = await this.ledger.write(tx, {
        id: uuidv7(),
        kind: 'reversal',
        giverSiteId: reversal.giverSiteId,
        receiverSiteId: reversal.receiverSiteId,
        hours: movement.hours,
        sourceId: movement.id,
        label: `Correction : ${why}`,
        recordedBy: actor.userId,
        recordedAt: now,
        reversesId: movement.id,
      });
      if (!written.recorded) throw new DomainError('RECIPROCITY_ALREADY_REVERSED', 'This movement was already reversed.', { movementId });
      const sites = await this.sites.byIds(tx.manager, [movement.giverSiteId, movement.receiverSiteId]);
      return this.movementView((await this.repository.movement(tx.manager, written.movementId))!, sites);
    });
  }

  async settings(): Promise<ReciprocitySettings> {
    return this.uow.run(async (tx) => {
      const row = await this.repository.settings(tx.manager);
      return { softLimit: row.softLimit, updatedBy: row.updatedBy, updatedAt: iso(row.updatedAt) };
    });
  }

  async updateSettings({ actor, softLimit }: UpdateReciprocitySettingsRequest): Promise<ReciprocitySettings> {
    const limit = parseSoftLimit(softLimit);
    return this.uow.run(async (tx) => {
      const now = new Date();
      await this.repository.updateSettings(tx.manager, limit === null ? null : formatCents(limit), actor.userId, now);
      return { softLimit: limit === null ? null : formatCents(limit), updatedBy: actor.userId, updatedAt: now.toISOString() };
    });
  }

  async templates({ includeInactive }: ListTemplatesRequest): Promise<TemplateList> {
    return this.uow.run(async (tx) => ({ items: (await this.repository.templates(tx.manager, includeInactive === true)).map(templateView) }));
  }

  async createTemplate({ template }: CreateTemplateRequest): Promise<ReciprocityTemplate> {
    const checked = checkedTemplate(template);
    return this.uow.run(async (tx) => {
      const now = new Date();
      const row: TemplateRow = { id: uuidv7(), label: checked.label, kind: checked.kind, hours: formatCents(checked.hours), active: true, createdAt: now, updatedAt: now };
      await this.repository.saveTemplate(tx.manager, row);
      return templateView(row);
    });
  }

  async updateTemplate({ templateId, changes }: UpdateTemplateRequest): Promise<ReciprocityTemplate> {
    return this.uow.run(async (tx) => {
      const current = isUuid(templateId) ? await this.repository.template(tx.manager, templateId.toLowerCase()) : undefined;
      if (!current) throw new DomainError('RECIPROCITY_TEMPLATE_NOT_FOUND', `No reciprocity template ${templateId}.`, { templateId });
      const checked = checkedTemplate({ label: changes.label ?? current.label, kind: changes.kind ?? current.kind, hours: changes.hours ?? current.hours });
      if (changes.active !== undefined && typeof changes.active !== 'boolean') throw new DomainError('VALIDATION_FAILED', 'active must be true or false.', { field: 'active' });
      const row: TemplateRow = {
        ...current,
        label: checked.label,
        kind: checked.kind,
        hours: formatCents(checked.hours),
        active: changes.active ?? current.active,
        updatedAt: new Date(),
      };
      await this.repository.saveTemplate(tx.manager, row);
      return templateView(row);
    });
  }

  async propose({ siteId, actor, entry }: ProposeManualEntryRequest): Promise<ManualEntry> {
    requireCoordinatorOf(actor, siteId);
    return this.uow.run(async (tx) => {
      const now = new Date();
      let template: TemplateRow | undefined;
      if (entry.templateId !== undefined && entry.templateId !== null) {
        template = isUuid(entry.templateId) ? await this.repository.template(tx.manager, entry.templateId.toLowerCase()) : undefined;
        if (!template) throw new DomainError('RECIPROCITY_TEMPLATE_NOT_FOUND', `No reciprocity template ${entry.templateId}.`, { field: 'templateId' });
      }
      const checked = manualEntry(entry, siteId, template ? { label: template.label, hours: parseCents(template.hours)!, active: template.active } : null);
      const other = checked.giverSiteId === siteId ? checked.receiverSiteId : checked.giverSiteId;
      const sites = await this.sites.byIds(tx.manager, [siteId, other]);
      if (!isUuid(other) || !sites.has(other)) throw new DomainError('NETWORK_SITE_UNKNOWN', 'otherSiteId is not a site of the network.', { field: 'otherSiteId' });
      const row: EntryRow = {
        id: uuidv7(),
        proposedBySiteId: siteId,
        giverSiteId: checked.giverSiteId,
        receiverSiteId: checked.receiverSiteId,
        hours: formatCents(checked.hours),
        label: checked.label,
        templateId: template?.id ?? null,
        status: 'proposed',
        proposedBy: actor.userId,
        proposedAt: now,
        decidedBy: null,
        decidedAt: null,
        rejectionMessage: null,
        movementId: null,
      };
      await this.repository.insertEntry(tx.manager, row);
      return this.entryView(row, sites);
    });
  }

  /** The other site's coordinator confirms: the entry becomes one movement (idempotent per entry). */
  async confirmEntry({ actor, entryId }: DecideManualEntryRequest): Promise<ManualEntry> {
    return this.decide(actor, entryId, async (tx, entry, now) => {
      const written = await this.ledger.record(
        tx,
        {
          kind: 'manual',
          giverSiteId: siteIdOf(entry.giverSiteId),
          receiverSiteId: siteIdOf(entry.receiverSiteId),
          hours: entry.hours,
          sourceId: entry.id,
          label: entry.label,
          recordedBy: actor.userId,
        },
        now,
      );
      return { ...entry, status: 'confirmed', decidedBy: actor.userId, decidedAt: now, movementId: written.movementId };
    });
  }

  async rejectEntry({ actor, entryId, message }: DecideManualEntryRequest): Promise<ManualEntry> {
    const why = optionalText(message, 'message', 1000);
    return this.decide(actor, entryId, async (_tx, entry, now) => ({ ...entry, status: 'rejected', decidedBy: actor.userId, decidedAt: now, rejectionMessage: why }));
  }

  private async decide(
    actor: DecideManualEntryRequest['actor'],
    entryId: string,
    apply: (tx: Parameters<Parameters<UnitOfWork['run']>[0]>[0], entry: EntryRow, now: Date) => Promise<EntryRow>,
  ): Promise<ManualEntry> {
    return this.uow.run(async (tx) => {
      const now = new Date();
      const entry = isUuid(entryId) ? await this.repository.lockEntry(tx.manager, entryId.toLowerCase()) : undefined;
      const otherSite = entry ? (entry.proposedBySiteId === entry.giverSiteId ? entry.receiverSiteId : entry.giverSiteId) : '';
      const involved = entry && (actor.networkAdmin || actor.siteIds.includes(entry.giverSiteId) || actor.siteIds.includes(entry.receiverSiteId));
      if (!entry || !involved) throw new DomainError('RECIPROCITY_ENTRY_NOT_FOUND', `No reciprocity entry ${entryId} for your sites.`, { entryId });
      requireCoordinatorOf(actor, otherSite, 'The other site of the exchange confirms or rejects the entry: its coordinator.');
      if (entry.status !== 'proposed') throw new DomainError('RECIPROCITY_ENTRY_ALREADY_DECIDED', `This entry was already ${entry.status}.`, { entryId, status: entry.status });
      const decided = await apply(tx, entry, now);
      await this.repository.decideEntry(tx.manager, decided);
      return this.entryView(decided, await this.sites.byIds(tx.manager, [entry.giverSiteId, entry.receiverSiteId]));
    });
  }

  /** Every site's balance (sites without movements too), the sum of all (always 0), the soft limit. */
  private async balances(manager: EntityManager): Promise<{ balances: SiteReciprocityBalance[]; total: number; softLimit: string | null; sites: Map<string, ReciprocitySite> }> {
    // One after the other: a transaction's queries share one connection.
    const pairs = await this.repository.pairSums(manager);
    const settings = await this.repository.settings(manager);
    const allSites = await this.sites.all(manager);
    const sites = new Map(allSites.map((s) => [s.id, s]));
    const softLimit = parseSoftLimit(settings.softLimit);
    // Pair sums are movements too (balances are linear): the same arithmetic the property tests hold.
    const computed = balancesOf(pairs.map((p, i) => ({ id: String(i), giverSiteId: p.giverSiteId, receiverSiteId: p.receiverSiteId, hours: p.hours, reversesId: null })));
    const ids = [...new Set([...allSites.map((s) => s.id), ...computed.keys()])];
    const balances = ids
      .map((id) => {
        const b = computed.get(id) ?? { siteId: id, given: 0, received: 0, balance: 0 };
        return {
          siteId: id,
          name: sites.get(id)?.name ?? '',
          given: formatCents(b.given),
          received: formatCents(b.received),
          balance: formatCents(b.balance),
          belowSoftLimit: isBelowSoftLimit(b.balance, softLimit),
          summary: contributionSummary(b.given, b.received),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'fr') || (a.siteId < b.siteId ? -1 : 1));
    const total = [...computed.values()].reduce((sum, b) => sum + b.balance, 0);
    return { balances, total, softLimit: settings.softLimit, sites };
  }

  private emptyBalance(siteId: string, name: string): SiteReciprocityBalance {
    return { siteId, name, given: '0.00', received: '0.00', balance: '0.00', belowSoftLimit: false, summary: contributionSummary(0, 0) };
  }

  private movementView(m: MovementView, sites: Map<string, ReciprocitySite>): ReciprocityMovement {
    return {
      id: m.id,
      kind: m.kind,
      giverSiteId: m.giverSiteId,
      giverSiteName: sites.get(m.giverSiteId)?.name ?? '',
      receiverSiteId: m.receiverSiteId,
      receiverSiteName: sites.get(m.receiverSiteId)?.name ?? '',
      hours: m.hours,
      sourceId: m.sourceId,
      label: m.label,
      recordedBy: m.recordedBy,
      recordedAt: new Date(m.recordedAt).toISOString(),
      reversesId: m.reversesId,
      reversedById: m.reversedById,
    };
  }

  private entryView(e: EntryRow, sites: Map<string, ReciprocitySite>): ManualEntry {
    return {
      id: e.id,
      proposedBySiteId: e.proposedBySiteId,
      giverSiteId: e.giverSiteId,
      giverSiteName: sites.get(e.giverSiteId)?.name ?? '',
      receiverSiteId: e.receiverSiteId,
      receiverSiteName: sites.get(e.receiverSiteId)?.name ?? '',
      hours: e.hours,
      label: e.label,
      templateId: e.templateId,
      status: e.status,
      proposedBy: e.proposedBy,
      proposedAt: new Date(e.proposedAt).toISOString(),
      decidedBy: e.decidedBy,
      decidedAt: iso(e.decidedAt),
      rejectionMessage: e.rejectionMessage,
      movementId: e.movementId,
    };
  }
}

function templateView(row: TemplateRow): ReciprocityTemplate {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind,
    hours: row.hours,
    active: row.active,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
