import type { DunningStatusDto } from '../api/generated/types.gen';
import type { MessageKey } from '../i18n/fr';

/** Which sentence tells an overdue invoice's dunning step (pure: the screen translates it). */
export function dunningStep(dunning: DunningStatusDto | null): { key: MessageKey; values?: Record<string, string | number> } {
  if (!dunning) return { key: 'today.dunning.unknown' };
  if (dunning.paused) return { key: 'today.dunning.paused' };
  if (dunning.nextStep) {
    return { key: dunning.nextStep.action === 'draft' ? 'today.dunning.nextDraft' : 'today.dunning.next', values: { level: dunning.nextStep.level, date: dunning.nextStep.on } };
  }
  if (dunning.level >= 0) return { key: 'today.dunning.level', values: { level: dunning.level } };
  return { key: 'today.dunning.none' };
}
