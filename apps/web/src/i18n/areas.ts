import { accountEn, accountFr } from './account';
import { commerceEn, commerceFr } from './commerce';
import { memberEn, memberFr } from './member';
import { membersEn, membersFr } from './members';
import { remunerationEn, remunerationFr } from './remuneration';
import { networkEn, networkFr } from './network';
import { reportsEn, reportsFr } from './reports';
import { dunningEn, dunningFr } from './dunning';
import { adminEn, adminFr } from './admin';

/**
 * The strings of every area past the first screens, in one chunk the console loads after its first
 * screen (`loadAreaMessages()` in messages.ts): the log-in page ships without them. An area adds
 * its `i18n/<area>.ts` here, once in each language.
 */
export const areasFr = {
  ...memberFr,
  ...membersFr,
  ...commerceFr,
  ...accountFr,
  ...remunerationFr,
  ...networkFr,
  ...reportsFr,
  ...dunningFr,
  ...adminFr,
};

export const areasEn: Record<keyof typeof areasFr, string> = {
  ...memberEn,
  ...membersEn,
  ...commerceEn,
  ...accountEn,
  ...remunerationEn,
  ...networkEn,
  ...reportsEn,
  ...dunningEn,
  ...adminEn,
};
