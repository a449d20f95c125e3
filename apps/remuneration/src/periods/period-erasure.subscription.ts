import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, ERASED_FIRST_NAME, MEMBER_ERASED_V1, pseudonymOf } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { pseudonymiseFigures, StoredFigures } from './period-figures';

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
  readonly handlers = eventHandlers(
    on(MEMBER_ERASED_V1, (event, manager) => this.erase(event.data.memberId, manager)),
  );

  private async erase(memberId: string, manager: EntityManager): Promise<void> {
    const pseudonym = { firstName: ERASED_FIRST_NAME, lastName: pseudonymOf(memberId) };
    const periods: { id: string; figures: StoredFigures }[] = await manager.query(
      `SELECT id, figures FROM remuneration.period WHERE figures -> 'members' @> jsonb_build_array(jsonb_build_object('memberId', $1::text)) FOR UPDATE`,
      [memberId],
    );
    for (const period of periods) {
      await manager.query('UPDATE remuneration.period SET figures = $2::jsonb WHERE id = $1', [period.id, JSON.stringify(pseudonymiseFigures(period.figures, memberId, pseudonym))]);
    }
    await manager.query('UPDATE remuneration.objection SET text = $2 WHERE member_id = $1', [memberId, ERASED_OBJECTION_TEXT]);
    await manager.query('UPDATE remuneration.recognition SET note = NULL WHERE from_member_id = $1 AND note IS NOT NULL', [memberId]);
  }
}
