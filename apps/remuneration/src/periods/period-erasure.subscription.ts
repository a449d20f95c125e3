import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, ERASED_FIRST_NAME, MEMBER_ERASED_V1, pseudonymOf } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { ObjectionsRepository } from './objections.repository';
import { pseudonymiseFigures } from './period-figures';
import { PeriodsRepository } from './periods.repository';
import { RecognitionsRepository } from './recognitions.repository';

/** Replaces the erased member's free text in objections (they may name people); the objection itself stays, for the approval's record. */
export const ERASED_OBJECTION_TEXT = 'Texte effacé avec les données du membre.';

/**
 * An erased member (membership.member.erased) leaves no name in the periods' frozen figures (the
 * names as of the close become the pseudonym every service uses), and none of their free text:
 * their objections' text and their recognition notes. Amounts, hours and points stay: they are pay
 * records. Idempotent (inbox), and harmless when replayed.
 */
@Injectable()
export class PeriodErasureSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.remunerationPeriodErasure;
  readonly filter = 'events.membership.member.erased.v1';
  readonly handlers = eventHandlers(on(MEMBER_ERASED_V1, (event, manager) => this.erase(event.data.memberId, manager)));

  constructor(
    private readonly periods: PeriodsRepository,
    private readonly objections: ObjectionsRepository,
    private readonly recognitions: RecognitionsRepository,
  ) {}

  private async erase(memberId: string, manager: EntityManager): Promise<void> {
    const pseudonym = { firstName: ERASED_FIRST_NAME, lastName: pseudonymOf(memberId) };
    for (const period of await this.periods.figuresNaming(memberId, manager)) {
      await this.periods.replaceFigures(period.id, pseudonymiseFigures(period.figures, memberId, pseudonym), manager);
    }
    await this.objections.replaceTextOf(memberId, ERASED_OBJECTION_TEXT, manager);
    await this.recognitions.eraseNotesOf(memberId, manager);
  }
}
