import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CancelHelpRequestRequest,
  ConfirmHelpRequest,
  CreateHelpRequestRequest,
  DecideHelpOfferRequest,
  DomainError,
  formatCents,
  GetHelpRequestRequest,
  HELP_HOURS_CONFIRMED_V1,
  HELP_OFFER_ACCEPTED_V1,
  HELP_OFFER_MADE_V1,
  HELP_REQUEST_CANCELLED_V1,
  HELP_REQUEST_DONE_V1,
  HELP_REQUEST_POSTED_V1,
  HelpRequest,
  HelpRequestPage,
  isUuid,
  ListHelpRequestsRequest,
  MakeHelpOfferRequest,
  NetworkActor,
  parseCents,
  RecordHelpDoneRequest,
  requiredText,
  optionalText,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, todayInFrance, Transaction, UnitOfWork } from '@kpa/platform';
import { ReciprocityLedger } from '../reciprocity/reciprocity-ledger';
import { ReciprocitySitesRepository } from '../reciprocity/reciprocity-sites.repository';
import { coordinates, requireCoordinatorOf } from '../network-actor';
import {
  amountDueCents,
  checkStarted,
  contributionTransition,
  ContributionAction,
  doneHours,
  effectiveStatus,
  formatAmount,
  helpTransition,
  hoursField,
  isVisibleTo,
  newHelpRequest,
  newOffer,
  settlementOf,
  statusAfterDecline,
} from './help-request';
import { HelpContributionRow, HelpOfferRow, HelpRequestRow, HelpRequestsRepository } from './help-requests.repository';

const hoursText = (hundredths: number | null): string | null => (hundredths === null ? null : formatCents(hundredths));

function notFound(requestId: string): DomainError {
  return new DomainError('HELP_REQUEST_NOT_FOUND', `No help request ${requestId} visible to your sites.`, { requestId });
}

/**
 * Help between sites, one unit of work per use case. The rules are in help-request.ts; here the
 * request is locked, the rules asked, the rows and events written. Hours enter the reciprocity
 * ledger only when a helping site's hours are confirmed (reciprocity help; paid help is settled
 * in money between host structures, so it records the amount due and no hours).
 */
@Injectable()
export class HelpRequestsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: HelpRequestsRepository,
    private readonly sites: ReciprocitySitesRepository,
    private readonly ledger: ReciprocityLedger,
  ) {}

  async create({ siteId, actor, request }: CreateHelpRequestRequest): Promise<HelpRequest> {
    requireCoordinatorOf(actor, siteId);
    const now = new Date();
    const data = newHelpRequest(request, siteId, todayInFrance(now));
    return this.uow.run(async (tx) => {
      if (data.visibleToSiteIds.length > 0) {
        const known = await this.sites.byIds(tx.manager, data.visibleToSiteIds);
        const unknown = data.visibleToSiteIds.filter((id) => !known.has(id));
        if (unknown.length > 0)
          throw new DomainError('NETWORK_SITE_UNKNOWN', `visibleToSiteIds names sites the network does not know: ${unknown.join(', ')}.`, { field: 'visibleToSiteIds', unknown });
      }
      const row: HelpRequestRow = {
        id: uuidv7(),
        siteId,
        title: data.title,
        description: data.description,
        activityPole: data.activityPole,
        skills: data.skills,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        place: data.place,
        peopleNeeded: data.peopleNeeded,
        hoursNeeded: hoursText(data.hoursNeeded),
        returnKind: data.returnKind,
        reciprocityHours: hoursText(data.reciprocityHours),
        amountPerHour: formatAmount(data.amountPerHourCents),
        visibility: data.visibility,
        visibleToSiteIds: data.visibleToSiteIds,
        status: 'open',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        cancelledAt: null,
        cancellationReason: null,
        doneAt: null,
        confirmedAt: null,
      };
      await this.requests.insert(tx.manager, row);
      await tx.publish(
        createEvent(
          HELP_REQUEST_POSTED_V1,
          siteId,
          {
            requestId: row.id,
            siteId,
            status: 'open',
            title: row.title,
            activityPole: row.activityPole,
            skills: row.skills,
            startsOn: row.startsOn,
            endsOn: row.endsOn,
            returnKind: row.returnKind,
            visibility: row.visibility,
            visibleToSiteIds: row.visibleToSiteIds,
          },
          now,
        ),
      );
      return this.view(tx.manager, row, actor);
    });
  }

  async list(request: ListHelpRequestsRequest): Promise<HelpRequestPage> {
    return this.uow.run(async (tx) => {
      const page = await this.requests.list(tx.manager, {
        viewer: request.actor,
        status: request.status,
        skill: request.skill,
        siteId: request.siteId,
        cursor: request.cursor,
        limit: request.limit,
        today: todayInFrance(),
      });
      return { items: await this.views(tx.manager, page.items, request.actor), nextCursor: page.nextCursor };
    });
  }

  async get({ actor, requestId }: GetHelpRequestRequest): Promise<HelpRequest> {
    return this.uow.run(async (tx) => this.view(tx.manager, await this.visible(tx.manager, requestId, actor, false), actor));
  }

  async makeOffer({ actor, requestId, offer }: MakeHelpOfferRequest): Promise<HelpRequest> {
    const fromSiteId = typeof offer?.fromSiteId === 'string' ? offer.fromSiteId.toLowerCase() : '';
    requireCoordinatorOf(actor, fromSiteId);
    return this.uow.run(async (tx) => {
      const now = new Date();
      const request = await this.requests.lock(tx.manager, requestId);
      // The offering site must see the request, not only the caller through another of their sites.
      if (!request || !isVisibleTo(request, { networkAdmin: false, siteIds: [fromSiteId] })) throw notFound(requestId);
      const data = newOffer(offer, request.siteId);
      const next = helpTransition(effectiveStatus(request.status, request.endsOn, todayInFrance(now)), 'offer');
      const offers = await this.requests.offersOf(tx.manager, [requestId]);
      if (offers.some((o) => o.fromSiteId === data.fromSiteId && o.status === 'pending')) {
        throw new DomainError('HELP_OFFER_ALREADY_MADE', 'Your site already has an offer waiting on this request: wait for the answer before offering again.', {
          fromSiteId: data.fromSiteId,
        });
      }
      const row: HelpOfferRow = {
        id: uuidv7(),
        requestId,
        fromSiteId: data.fromSiteId,
        people: data.people,
        hours: formatCents(data.hours),
        note: data.note,
        status: 'pending',
        declineMessage: null,
        createdBy: actor.userId,
        createdAt: now,
        decidedAt: null,
      };
      await this.requests.insertOffer(tx.manager, row);
      await this.requests.setStatus(tx.manager, requestId, next, now);
      await tx.publish(
        createEvent(
          HELP_OFFER_MADE_V1,
          request.siteId,
          { requestId, siteId: request.siteId, status: next, offerId: row.id, fromSiteId: row.fromSiteId, hours: row.hours, people: row.people.length },
          now,
        ),
      );
      return this.view(tx.manager, { ...request, status: next, updatedAt: now }, actor);
    });
  }

  async accept({ actor, requestId, offerId }: DecideHelpOfferRequest): Promise<HelpRequest> {
    return this.uow.run(async (tx) => {
      const now = new Date();
      const request = await this.visible(tx.manager, requestId, actor, true);
      requireCoordinatorOf(actor, request.siteId, 'Only a coordinator of the requesting site accepts or declines its offers.');
      const next = helpTransition(effectiveStatus(request.status, request.endsOn, todayInFrance(now)), 'accept');
      const offer = await this.pendingOffer(tx.manager, requestId, offerId);
      await this.requests.decideOffer(tx.manager, offer.id, 'accepted', null, now);
      await this.requests.setStatus(tx.manager, requestId, next, now);
      await tx.publish(createEvent(HELP_OFFER_ACCEPTED_V1, request.siteId, { requestId, siteId: request.siteId, status: next, offerId, fromSiteId: offer.fromSiteId }, now));
      return this.view(tx.manager, { ...request, status: next, updatedAt: now }, actor);
    });
  }

  async decline({ actor, requestId, offerId, message }: DecideHelpOfferRequest): Promise<HelpRequest> {
    const declineMessage = optionalText(message, 'message', 1000);
    return this.uow.run(async (tx) => {
      const now = new Date();
      const request = await this.visible(tx.manager, requestId, actor, true);
      requireCoordinatorOf(actor, request.siteId, 'Only a coordinator of the requesting site accepts or declines its offers.');
      const current = effectiveStatus(request.status, request.endsOn, todayInFrance(now));
      helpTransition(current, 'decline');
      const offer = await this.pendingOffer(tx.manager, requestId, offerId);
      const pendingLeft = (await this.requests.offersOf(tx.manager, [requestId])).filter((o) => o.status === 'pending' && o.id !== offer.id).length;
      const next = statusAfterDecline(current, pendingLeft);
      await this.requests.decideOffer(tx.manager, offer.id, 'declined', declineMessage, now);
      await this.requests.setStatus(tx.manager, requestId, next, now);
      return this.view(tx.manager, { ...request, status: next, updatedAt: now }, actor);
    });
  }

  async recordDone({ actor, requestId, hours }: RecordHelpDoneRequest): Promise<HelpRequest> {
    return this.uow.run(async (tx) => {
      const now = new Date();
      const today = todayInFrance(now);
      const request = await this.visible(tx.manager, requestId, actor, true);
      requireCoordinatorOf(actor, request.siteId, 'Only a coordinator of the requesting site records the hours given.');
      const next = helpTransition(effectiveStatus(request.status, request.endsOn, today), 'record_done');
      checkStarted(request.startsOn, today);
      const accepted = (await this.requests.offersOf(tx.manager, [requestId])).filter((o) => o.status === 'accepted').map((o) => o.fromSiteId);
      const entries = doneHours(hours, [...new Set(accepted)]);
      const sites = await this.sites.byIds(tx.manager, [request.siteId, ...entries.map((e) => e.siteId)]);
      const amountPerHour = request.amountPerHour === null ? null : parseCents(request.amountPerHour)!;
      for (const entry of entries) {
        await this.requests.insertContribution(tx.manager, {
          requestId,
          siteId: entry.siteId,
          recordedHours: formatCents(entry.hours),
          proposedHours: null,
          hours: formatCents(entry.hours),
          status: 'awaiting_helper',
          amountDue: amountPerHour === null ? null : formatCents(amountDueCents(entry.hours, amountPerHour)),
          settlement: amountPerHour === null ? null : settlementOf(sites.get(request.siteId)?.hostStructureId ?? null, sites.get(entry.siteId)?.hostStructureId ?? null),
          movementId: null,
          confirmedBy: null,
          confirmedAt: null,
        });
      }
      await this.requests.setStatus(tx.manager, requestId, next, now, { done: true });
      await tx.publish(
        createEvent(
          HELP_REQUEST_DONE_V1,
          request.siteId,
          { requestId, siteId: request.siteId, status: next, hours: entries.map((e) => ({ siteId: e.siteId, hours: formatCents(e.hours) })) },
          now,
        ),
      );
      return this.view(tx.manager, { ...request, status: next, updatedAt: now, doneAt: now }, actor);
    });
  }

  /**
   * The helping site's coordinator confirms the recorded hours (or corrects them with `hours`);
   * after a correction, the requester's coordinator confirms the corrected hours. A confirmation
   * writes the ledger movement (reciprocity help) in the same transaction; the last one makes the
   * request `confirmed`.
   */
  async confirm({ actor, requestId, siteId, hours }: ConfirmHelpRequest): Promise<HelpRequest> {
    const correction = hours === undefined || hours === null ? null : hoursField(hours, 'hours');
    return this.uow.run(async (tx) => {
      const now = new Date();
      const request = await this.visible(tx.manager, requestId, actor, true);
      helpTransition(effectiveStatus(request.status, request.endsOn, todayInFrance(now)), 'confirm');
      const contributions = await this.requests.contributionsOf(tx.manager, [requestId]);
      const contribution = this.contributionFor(contributions, actor, siteId);
      const isRequester = coordinates(actor, request.siteId);
      const isHelper = coordinates(actor, contribution.siteId);
      let action: ContributionAction;
      if (contribution.status === 'awaiting_requester' && isRequester && correction === null) action = 'confirm_correction';
      else if (isHelper) action = correction === null ? 'confirm' : 'correct';
      else if (isRequester) action = correction === null ? 'confirm_correction' : 'correct';
      else
        throw new DomainError('NETWORK_SITE_NOT_YOURS', "Only the helping site's coordinator confirms its hours (and the requester's, a correction).", {
          siteId: contribution.siteId,
        });
      if (action === 'correct' && !isHelper)
        throw new DomainError('NETWORK_SITE_NOT_YOURS', "Only the helping site's coordinator corrects its hours.", { siteId: contribution.siteId });
      const status = contributionTransition(contribution.status, action);
      const amountPerHour = request.amountPerHour === null ? null : parseCents(request.amountPerHour)!;
      const updated: HelpContributionRow = { ...contribution, status };
      if (action === 'correct') {
        updated.proposedHours = formatCents(correction!);
      } else {
        if (action === 'confirm_correction') updated.hours = contribution.proposedHours ?? contribution.hours;
        updated.confirmedBy = actor.userId;
        updated.confirmedAt = now;
        const hundredths = parseCents(updated.hours)!;
        if (amountPerHour !== null) updated.amountDue = formatCents(amountDueCents(hundredths, amountPerHour));
        else updated.movementId = (await this.recordHelp(tx, request, updated, actor, now)).movementId;
      }
      await this.requests.updateContribution(tx.manager, updated);
      let requestStatus = request.status;
      if (status === 'confirmed') {
        const allConfirmed = contributions.every((c) => c.siteId === updated.siteId || c.status === 'confirmed');
        if (allConfirmed) requestStatus = 'confirmed';
        await this.requests.setStatus(tx.manager, requestId, requestStatus, now, { confirmed: allConfirmed });
        await tx.publish(
          createEvent(
            HELP_HOURS_CONFIRMED_V1,
            request.siteId,
            {
              requestId,
              siteId: request.siteId,
              status: requestStatus,
              helperSiteId: updated.siteId,
              hours: updated.hours,
              amountDue: updated.amountDue,
              settlement: updated.settlement,
              movementId: updated.movementId,
            },
            now,
          ),
        );
      } else {
        await this.requests.setStatus(tx.manager, requestId, requestStatus, now);
      }
      return this.view(tx.manager, { ...request, status: requestStatus, updatedAt: now }, actor);
    });
  }

  async cancel({ actor, requestId, reason }: CancelHelpRequestRequest): Promise<HelpRequest> {
    const why = requiredText(reason, 'reason', 1, 500);
    return this.uow.run(async (tx) => {
      const now = new Date();
      const request = await this.visible(tx.manager, requestId, actor, true);
      requireCoordinatorOf(actor, request.siteId, 'Only a coordinator of the requesting site cancels its request.');
      const next = helpTransition(effectiveStatus(request.status, request.endsOn, todayInFrance(now)), 'cancel');
      await this.requests.setStatus(tx.manager, requestId, next, now, { cancellationReason: why });
      await tx.publish(createEvent(HELP_REQUEST_CANCELLED_V1, request.siteId, { requestId, siteId: request.siteId, status: next, cancelledAt: now.toISOString() }, now));
      return this.view(tx.manager, { ...request, status: next, updatedAt: now, cancelledAt: now, cancellationReason: why }, actor);
    });
  }

  private async recordHelp(tx: Transaction, request: HelpRequestRow, contribution: HelpContributionRow, actor: NetworkActor, now: Date) {
    return this.ledger.record(
      tx,
      {
        kind: 'help',
        giverSiteId: siteIdOf(contribution.siteId),
        receiverSiteId: siteIdOf(request.siteId),
        hours: contribution.hours,
        // One movement per helping site and request: a retried confirmation writes nothing more.
        sourceId: `${request.id}:${contribution.siteId}`,
        label: `Aide : ${request.title}`,
        recordedBy: actor.userId,
      },
      now,
    );
  }

  /** Which helping site's hours: the one named, or the only one the caller coordinates (or the only one awaiting the requester). */
  private contributionFor(contributions: HelpContributionRow[], actor: NetworkActor, siteId: string | undefined): HelpContributionRow {
    if (siteId !== undefined) {
      const wanted = isUuid(siteId) ? siteId.toLowerCase() : '';
      const found = contributions.find((c) => c.siteId === wanted);
      if (!found) throw new DomainError('HELP_CONTRIBUTION_NOT_FOUND', `No hours were recorded for site ${siteId} on this request.`, { siteId });
      return found;
    }
    const own = contributions.filter((c) => coordinates(actor, c.siteId));
    if (own.length === 1) return own[0];
    const awaiting = contributions.filter((c) => c.status === 'awaiting_requester');
    if (own.length === 0 && awaiting.length === 1) return awaiting[0];
    throw new DomainError('VALIDATION_FAILED', 'Say which helping site’s hours you confirm: siteId.', { field: 'siteId' });
  }

  private async pendingOffer(manager: EntityManager, requestId: string, offerId: string): Promise<HelpOfferRow> {
    const offer = (await this.requests.offersOf(manager, [requestId])).find((o) => o.id === offerId.toLowerCase());
    if (!offer) throw new DomainError('HELP_OFFER_NOT_FOUND', `No offer ${offerId} on this help request.`, { offerId });
    if (offer.status !== 'pending') throw new DomainError('HELP_OFFER_ALREADY_DECIDED', `This offer was already ${offer.status}.`, { offerId, status: offer.status });
    return offer;
  }

  /** The request if the caller sees it (locked for a change), else 404: another region's or a hidden request does not exist for them. */
  private async visible(manager: EntityManager, requestId: string, actor: NetworkActor, lock: boolean): Promise<HelpRequestRow> {
    const request = isUuid(requestId) ? await (lock ? this.requests.lock(manager, requestId) : this.requests.get(manager, requestId)) : undefined;
    if (!request || !isVisibleTo(request, actor)) throw notFound(requestId);
    return request;
  }

  private async view(manager: EntityManager, row: HelpRequestRow, actor: NetworkActor): Promise<HelpRequest> {
    return (await this.views(manager, [row], actor))[0];
  }

  private async views(manager: EntityManager, rows: HelpRequestRow[], actor: NetworkActor): Promise<HelpRequest[]> {
    const ids = rows.map((r) => r.id);
    // One after the other: a transaction's queries share one connection.
    const offers = await this.requests.offersOf(manager, ids);
    const contributions = await this.requests.contributionsOf(manager, ids);
    const sites = await this.sites.byIds(manager, [...rows.map((r) => r.siteId), ...offers.map((o) => o.fromSiteId), ...contributions.map((c) => c.siteId)]);
    const name = (id: string) => sites.get(id)?.name ?? '';
    const today = todayInFrance();
    const sees = (siteId: string) => actor.networkAdmin || actor.siteIds.includes(siteId);
    return rows.map((row) => ({
      id: row.id,
      siteId: row.siteId,
      siteName: name(row.siteId),
      title: row.title,
      description: row.description,
      activityPole: row.activityPole,
      skills: row.skills,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      place: row.place,
      peopleNeeded: row.peopleNeeded,
      hoursNeeded: row.hoursNeeded,
      returnKind: row.returnKind,
      reciprocityHours: row.reciprocityHours,
      amountPerHour: row.amountPerHour,
      visibility: row.visibility,
      visibleToSiteIds: row.visibleToSiteIds,
      status: effectiveStatus(row.status, row.endsOn, today),
      offers: offers
        .filter((o) => o.requestId === row.id)
        .map((o) => ({
          id: o.id,
          requestId: o.requestId,
          fromSiteId: o.fromSiteId,
          fromSiteName: name(o.fromSiteId),
          // First names only to the two sites concerned; member ids only to the offering site.
          people: sees(row.siteId) || sees(o.fromSiteId) ? o.people.map((p) => ({ firstName: p.firstName, ...(sees(o.fromSiteId) ? { memberId: p.memberId ?? null } : {}) })) : [],
          hours: o.hours,
          note: sees(row.siteId) || sees(o.fromSiteId) ? o.note : null,
          status: o.status,
          declineMessage: sees(row.siteId) || sees(o.fromSiteId) ? o.declineMessage : null,
          createdBy: o.createdBy,
          createdAt: new Date(o.createdAt).toISOString(),
          decidedAt: o.decidedAt ? new Date(o.decidedAt).toISOString() : null,
        })),
      contributions: contributions
        .filter((c) => c.requestId === row.id)
        .map((c) => ({
          siteId: c.siteId,
          siteName: name(c.siteId),
          recordedHours: c.recordedHours,
          proposedHours: c.proposedHours,
          hours: c.hours,
          status: c.status,
          amountDue: c.amountDue,
          settlement: c.settlement,
          movementId: c.movementId,
          confirmedBy: c.confirmedBy,
          confirmedAt: c.confirmedAt ? new Date(c.confirmedAt).toISOString() : null,
        })),
      createdBy: row.createdBy,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      cancelledAt: row.cancelledAt ? new Date(row.cancelledAt).toISOString() : null,
      cancellationReason: row.cancellationReason,
      doneAt: row.doneAt ? new Date(row.doneAt).toISOString() : null,
      confirmedAt: row.confirmedAt ? new Date(row.confirmedAt).toISOString() : null,
    }));
  }
}
