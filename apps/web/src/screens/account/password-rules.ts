/** The limits the gateway enforces on a new password (apps/gateway/src/auth/password-policy.ts), checked before sending. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export interface PasswordDraft {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

export type PasswordProblem = 'required' | 'tooShort' | 'tooLong' | 'containsEmail' | 'sameAsCurrent' | 'confirmationDiffers';

/** What to fix, per field, before the change is sent; empty when the draft may go. */
export function passwordProblems(draft: PasswordDraft, email: string | undefined): Partial<Record<keyof PasswordDraft, PasswordProblem>> {
  const problems: Partial<Record<keyof PasswordDraft, PasswordProblem>> = {};
  if (!draft.currentPassword) problems.currentPassword = 'required';
  const localPart = email?.split('@')[0]?.toLowerCase();
  if (!draft.newPassword) problems.newPassword = 'required';
  else if (draft.newPassword.length < MIN_PASSWORD_LENGTH) problems.newPassword = 'tooShort';
  else if (draft.newPassword.length > MAX_PASSWORD_LENGTH) problems.newPassword = 'tooLong';
  else if (localPart && localPart.length >= 4 && draft.newPassword.toLowerCase().includes(localPart)) problems.newPassword = 'containsEmail';
  else if (draft.newPassword === draft.currentPassword) problems.newPassword = 'sameAsCurrent';
  if (!problems.newPassword && draft.confirmation !== draft.newPassword) problems.confirmation = 'confirmationDiffers';
  return problems;
}
