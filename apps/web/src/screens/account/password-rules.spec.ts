import { passwordProblems } from './password-rules';

const EMAIL = 'samira.benali@lacape.kpa.local';
const good = { currentPassword: 'la phrase d’avant', newPassword: 'le jardin fleurit en mai', confirmation: 'le jardin fleurit en mai' };

describe('passwordProblems', () => {
  it('lets a long, new, confirmed password go', () => {
    expect(passwordProblems(good, EMAIL)).toEqual({});
  });

  it('asks for the current password and a new one', () => {
    expect(passwordProblems({ currentPassword: '', newPassword: '', confirmation: '' }, EMAIL)).toEqual({ currentPassword: 'required', newPassword: 'required' });
  });

  it('holds the server’s limits: 12 to 256 characters, not the e-mail', () => {
    expect(passwordProblems({ ...good, newPassword: 'court', confirmation: 'court' }, EMAIL).newPassword).toBe('tooShort');
    expect(passwordProblems({ ...good, newPassword: 'a'.repeat(12), confirmation: 'a'.repeat(12) }, EMAIL)).toEqual({});
    expect(passwordProblems({ ...good, newPassword: 'x'.repeat(257), confirmation: 'x'.repeat(257) }, EMAIL).newPassword).toBe('tooLong');
    expect(passwordProblems({ ...good, newPassword: 'Samira.Benali2026', confirmation: 'Samira.Benali2026' }, EMAIL).newPassword).toBe('containsEmail');
  });

  it('refuses the same password again, and a confirmation that differs', () => {
    const same = 'la même phrase qu’avant';
    expect(passwordProblems({ currentPassword: same, newPassword: same, confirmation: same }, EMAIL).newPassword).toBe('sameAsCurrent');
    expect(passwordProblems({ ...good, confirmation: 'le jardin fleurit en juin' }, EMAIL)).toEqual({ confirmation: 'confirmationDiffers' });
  });
});
