import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  AccompanimentSession,
  AccompanimentSessionList,
  CompleteLaunchStepRequest,
  ConfirmAccompanimentRequest,
  DomainError,
  EventEnvelope,
  Launch,
  LAUNCH_STEP_COMPLETED_V1,
  LaunchList,
  LaunchStep,
  ListAccompanimentsRequest,
  LogAccompanimentRequest,
  NameMentorRequest,
  siteIdOf,
  eventSiteId,
} from '@kpa/contracts';
import { appendToOutbox, createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { NetworkDirectoryRepository } from '../directory/network-directory.repository';
import { ReciprocityLedger } from '../reciprocity/reciprocity-ledger';
import { assertMentorOf, assertSessionDate, confirmSession, sessionHours } from './accompaniment';
import { automaticStepOf, CompletedStep, completeStepByHand, completeStepFromEvent, launchStage } from './launch-path';
import { LaunchesRepository, LaunchRecord } from './launches.repository';

/** The launch paths of new KPAs and their mentoring: one transaction per use case or per event. */
@Injectable()
export class LaunchesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly launches: LaunchesRepository,
    private readonly directory: NetworkDirectoryRepository,
    private readonly ledger: ReciprocityLedger,
  ) {}

  async list(): Promise<LaunchList> {
    return { items: await this.launches.list(), nextCursor: null };
  }

  completeStep(request: CompleteLaunchStepRequest): Promise<Launch> {
    const today = todayInFrance();
    const siteId = request.siteId.toLowerCase();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const launch = await this.launches.require(siteId, manager);
      const done = completeStepByHand(launch.progress, request.step, request.on ?? today, today);
      const events = await this.record(launch, request.step, done, request.actor, manager);
      await publish(...events);
      return this.launches.get(siteId, manager);
    });
  }

  /**
   * An event of another service completes its step, the first time only. Runs in the consumer's
   * transaction (with its inbox row); the step's event goes to the outbox in the same one.
   */
  async completeFromEvent(siteId: string, step: LaunchStep, on: string, manager: EntityManager): Promise<void> {
    const launch = await this.launches.findForChange(siteId, manager);
    if (!launch) return; // an established site's first invoice is no launch step
    const done = completeStepFromEvent(launch.progress, step, on);
    if (!done) return;
    await appendToOutbox(manager, 'networking', await this.record(launch, step, done, 'system', manager));
  }

  /** The step an event of another service completes (if any), for the event's site, dated by the event. */
  async completeAutomaticStep(event: EventEnvelope, on: string, manager: EntityManager): Promise<void> {
    const step = automaticStepOf(event.type);
    const siteId = eventSiteId(event);
    if (step) await this.completeFromEvent(siteId, step, on, manager);
  }

  /** A site reported in reflection starts its launch path; its stage goes to the directory. */
  async start(siteId: string, at: Date, manager: EntityManager): Promise<void> {
    await this.launches.start(siteId, at, manager);
    const launch = await this.launches.require(siteId, manager);
    await this.directory.setLaunchStage(manager, siteId, launchStage(launch.progress));
  }

  private async record(launch: LaunchRecord, step: LaunchStep, done: CompletedStep, by: string, manager: EntityManager): Promise<EventEnvelope[]> {
    const now = new Date();
    if (!(await this.launches.insertStep(launch.siteId, step, done, by, now, manager))) return [];
    const progress = new Map(launch.progress).set(step, done);
    const stage = launchStage(progress);
    await this.directory.setLaunchStage(manager, launch.siteId, stage);
    return [createEvent(LAUNCH_STEP_COMPLETED_V1, launch.siteId, { siteId: launch.siteId, step, completedOn: done.completedOn, source: done.source, stage }, now)];
  }

  /** The network admin names an established (active) site mentor of a new KPA, or removes it (null). */
  nameMentor(request: NameMentorRequest): Promise<Launch> {
    const siteId = request.siteId.toLowerCase();
    const mentorSiteId = request.mentorSiteId?.toLowerCase() ?? null;
    return this.unitOfWork.run(async ({ manager }) => {
      await this.launches.require(siteId, manager);
      if (mentorSiteId !== null) {
        const status = mentorSiteId === siteId ? undefined : await this.launches.siteStatus(mentorSiteId, manager);
        if (status !== 'active') {
          throw new DomainError('MENTOR_NOT_ESTABLISHED', 'A mentor is an established site of the network (status active), other than the new KPA itself.', {
            field: 'mentorSiteId',
            mentorSiteId,
            status: status ?? null,
          });
        }
      }
      await this.launches.setMentor(siteId, mentorSiteId, manager);
      return this.launches.get(siteId, manager);
    });
  }

  /** The mentor site's coordinator logs a session held with the new KPA it was named mentor of. */
  logSession(request: LogAccompanimentRequest): Promise<AccompanimentSession> {
    const siteId = request.siteId.toLowerCase();
    const menteeSiteId = request.menteeSiteId.toLowerCase();
    const hours = sessionHours(request.hours);
    assertSessionDate(request.on, todayInFrance());
    return this.unitOfWork.run(async ({ manager }) => {
      const launch = await this.launches.findForChange(menteeSiteId, manager);
      if (!launch) throw new DomainError('LAUNCH_NOT_FOUND', 'menteeSiteId is not a new KPA on a launch path.', { field: 'menteeSiteId', menteeSiteId });
      assertMentorOf(launch.mentorSiteId, siteId, menteeSiteId);
      const session: AccompanimentSession = {
        id: uuidv7(),
        mentorSiteId: siteId,
        menteeSiteId,
        on: request.on,
        hours,
        topic: request.topic.trim(),
        status: 'logged',
        loggedBy: request.actor,
        confirmedBy: null,
        confirmedAt: null,
        movementId: null,
        createdAt: new Date().toISOString(),
      };
      await this.launches.insertSession(session, manager);
      return session;
    });
  }

  /** The new KPA's coordinator confirms a session: its hours enter the ledger, given by the mentor site. */
  confirmSession(request: ConfirmAccompanimentRequest): Promise<AccompanimentSession> {
    const siteId = request.siteId.toLowerCase();
    return this.unitOfWork.run(async (tx) => {
      const session = await this.launches.findSessionForChange(request.sessionId, siteId, tx.manager);
      if (session.menteeSiteId !== siteId) {
        throw new DomainError('FORBIDDEN', 'The new KPA confirms the sessions its mentor logged, not the mentor itself.', { sessionId: session.id });
      }
      confirmSession(session.status, session.id);
      const { movementId } = await this.ledger.record(tx, {
        kind: 'accompaniment',
        giverSiteId: siteIdOf(session.mentorSiteId),
        receiverSiteId: siteIdOf(session.menteeSiteId),
        hours: session.hours,
        sourceId: session.id,
        label: `Accompagnement : ${session.topic}`,
        recordedBy: request.actor,
      });
      await this.launches.confirmSession(session.id, request.actor, new Date(), movementId, tx.manager);
      return this.launches.getSession(session.id, tx.manager);
    });
  }

  async listSessions(request: ListAccompanimentsRequest): Promise<AccompanimentSessionList> {
    return { items: await this.launches.sessionsOf(request.siteId.toLowerCase()), nextCursor: null };
  }
}
