import type { SiteChoice } from '../../session';

export const STAGES = ['immersion', 'exploration', 'focus_and_test', 'opening', 'next_step'] as const;

/** Members' files are the coordination's (a network admin acts on a site as its coordination does). */
export function isCoordination(role: SiteChoice['role']): boolean {
  return role === 'coordinator' || role === 'admin';
}
