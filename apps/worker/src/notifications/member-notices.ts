import {
  ContributionDecidedV1,
  EInvoiceRefusedV1,
  formatCents,
  frenchAmount,
  frenchLongDate,
  MissionTeamConfirmedV1,
  NotificationLanguage,
  parseCents,
  PeriodClosedV1,
  QuoteExpiredV1,
} from '@kpa/contracts';
import { NotificationContent } from './notifications';

/**
 * What the platform tells a member, in short sentences (many read French as a second language):
 * their quote expired, their team confirmed, their hours validated or not, their share of a closed
 * period. Names never travel in the events: the member reads their own notice. And what it tells a
 * site's coordinators of its e-invoices: one refused or rejected at the PA.
 */
/** The site an event of a site is about (every notice is). */
const SIGNATURE: Record<NotificationLanguage, string> = { fr: 'La plateforme KPA-Cité', en: 'The KPA-Cité platform' };

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dateIn(language: NotificationLanguage, isoDate: string): string {
  if (language === 'fr') return frenchLongDate(isoDate);
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}

function hoursIn(language: NotificationLanguage, hours: string): string {
  const value = Number(hours);
  const text = Number.isInteger(value) ? String(value) : hours.replace(/0$/, '');
  return language === 'fr' ? `${text.replace('.', ',')}\u00a0h` : `${text} h`;
}

function amountIn(language: NotificationLanguage, amount: string): string {
  const cents = parseCents(amount) ?? 0;
  return language === 'fr' ? frenchAmount(formatCents(cents)) : `€${formatCents(cents)}`;
}

export function missionTeamNotice(siteId: string, mission: MissionTeamConfirmedV1): (language: NotificationLanguage) => NotificationContent {
  const link = `/v1/sites/${siteId}/missions/${mission.missionId}`;
  const sameDay = mission.startsOn === mission.endsOn;
  return (language) =>
    language === 'fr'
      ? {
          title: `Vous faites partie de l’équipe : ${mission.title}`,
          paragraphs: [
            'Bonjour,',
            `Votre coordinateur vous a choisi pour la mission « ${mission.title} ».`,
            sameDay ? `Elle a lieu le ${dateIn(language, mission.startsOn)}.` : `Elle a lieu du ${dateIn(language, mission.startsOn)} au ${dateIn(language, mission.endsOn)}.`,
          ],
          link,
          signature: SIGNATURE.fr,
        }
      : {
          title: `You are on the team: ${mission.title}`,
          paragraphs: [
            'Hello,',
            `Your coordinator chose you for the mission "${mission.title}".`,
            sameDay
              ? `It takes place on ${dateIn(language, mission.startsOn)}.`
              : `It takes place from ${dateIn(language, mission.startsOn)} to ${dateIn(language, mission.endsOn)}.`,
          ],
          link,
          signature: SIGNATURE.en,
        };
}

export function contributionNotice(siteId: string, contribution: ContributionDecidedV1): (language: NotificationLanguage) => NotificationContent {
  const link = `/v1/sites/${siteId}/contributions/${contribution.contributionId}`;
  const validated = contribution.status === 'validated';
  return (language) => {
    const hours = hoursIn(language, contribution.hours);
    const day = dateIn(language, contribution.date);
    if (language === 'fr') {
      return {
        title: validated ? `Vos heures du ${day} sont validées` : `Vos heures du ${day} ne sont pas validées`,
        paragraphs: [
          'Bonjour,',
          validated ? `Vos ${hours} du ${day} sont validées.` : `Vos ${hours} du ${day} n’ont pas été validées.`,
          ...(validated ? ['Elles comptent pour votre part de la prochaine période.'] : []),
          ...(!validated && contribution.reason ? [`Raison : ${contribution.reason}`] : []),
          ...(!validated ? ['Parlez-en à votre coordinateur si vous n’êtes pas d’accord.'] : []),
        ],
        link,
        signature: SIGNATURE.fr,
      };
    }
    return {
      title: validated ? `Your hours of ${day} are validated` : `Your hours of ${day} were not validated`,
      paragraphs: [
        'Hello,',
        validated ? `Your ${hours} of ${day} are validated.` : `Your ${hours} of ${day} were not validated.`,
        ...(validated ? ['They count for your share of the next period.'] : []),
        ...(!validated && contribution.reason ? [`Reason: ${contribution.reason}`] : []),
        ...(!validated ? ['Talk to your coordinator if you disagree.'] : []),
      ],
      link,
      signature: SIGNATURE.en,
    };
  };
}

export function periodClosedNotice(siteId: string, period: PeriodClosedV1, share: string): (language: NotificationLanguage) => NotificationContent {
  const link = `/v1/sites/${siteId}/periods/${period.periodId}`;
  return (language) =>
    language === 'fr'
      ? {
          title: `Votre part du ${dateIn(language, period.startsOn)} au ${dateIn(language, period.endsOn)}`,
          paragraphs: [
            'Bonjour,',
            `La période du ${dateIn(language, period.startsOn)} au ${dateIn(language, period.endsOn)} est close.`,
            `Votre part proposée est de ${amountIn(language, share)}.`,
            'Si elle vous semble fausse, vous pouvez la contester avant sa validation.',
          ],
          link,
          signature: SIGNATURE.fr,
        }
      : {
          title: `Your share from ${dateIn(language, period.startsOn)} to ${dateIn(language, period.endsOn)}`,
          paragraphs: [
            'Hello,',
            `The period from ${dateIn(language, period.startsOn)} to ${dateIn(language, period.endsOn)} is closed.`,
            `Your proposed share is ${amountIn(language, share)}.`,
            'If it looks wrong, you can object before it is approved.',
          ],
          link,
          signature: SIGNATURE.en,
        };
}

/** To the quote's author (a member or a coordinator): it can no longer be accepted; what to do. */
export function quoteExpiredNotice(quote: QuoteExpiredV1): (language: NotificationLanguage) => NotificationContent {
  const link = `/v1/sites/${quote.siteId}/quotes/${quote.quoteId}`;
  return (language) => {
    const day = dateIn(language, quote.validUntil);
    const amount = amountIn(language, quote.totalIncludingTax);
    if (language === 'fr') {
      const client = quote.clientName ? `pour ${quote.clientName}` : 'pour un particulier';
      return {
        title: `Votre devis ${quote.number} a expiré`,
        paragraphs: [
          'Bonjour,',
          `Le devis ${quote.number} ${client} (${amount} TTC) était valable jusqu’au ${day}.`,
          'Le client ne l’a pas accepté à temps : il ne peut plus l’être.',
          'Si le client est toujours intéressé, faites un nouveau devis.',
        ],
        link,
        signature: SIGNATURE.fr,
      };
    }
    const client = quote.clientName ? `for ${quote.clientName}` : 'for a private client';
    return {
      title: `Your quote ${quote.number} expired`,
      paragraphs: [
        'Hello,',
        `Quote ${quote.number} ${client} (${amount} incl. VAT) was valid until ${day}.`,
        'The client did not accept it in time: it can no longer be accepted.',
        'If the client is still interested, make a new quote.',
      ],
      link,
      signature: SIGNATURE.en,
    };
  };
}

/** To the site's coordinators: an e-invoice the buyer refused (210) or the PA rejected (213), and what to do. */
export function eInvoiceRefusedNotice(refused: EInvoiceRefusedV1): (language: NotificationLanguage) => NotificationContent {
  const path = refused.kind === 'invoice' ? 'invoices' : 'credit-notes';
  const link = `/v1/sites/${refused.siteId}/${path}/${refused.documentId}`;
  return (language) => {
    const day = dateIn(language, refused.occurredAt.slice(0, 10));
    if (language === 'fr') {
      const what = refused.kind === 'invoice' ? 'La facture' : 'L’avoir';
      const by = refused.status === 'refused' ? 'refusée par le client' : 'rejetée par la plateforme agréée';
      return {
        title: `${what} ${refused.number} a été ${by}`,
        paragraphs: [
          'Bonjour,',
          `${what} électronique ${refused.number} a été ${by} le ${day}.`,
          ...(refused.reason ? [`Motif : ${refused.reason}`] : []),
          'Elle ne peut pas être modifiée : annulez-la par un avoir, puis émettez une facture corrigée.',
        ],
        link,
        signature: SIGNATURE.fr,
      };
    }
    const what = refused.kind === 'invoice' ? 'Invoice' : 'Credit note';
    const by = refused.status === 'refused' ? 'refused by the client' : 'rejected by the approved platform';
    return {
      title: `${what} ${refused.number} was ${by}`,
      paragraphs: [
        'Hello,',
        `E-invoice ${refused.number} was ${by} on ${day}.`,
        ...(refused.reason ? [`Reason: ${refused.reason}`] : []),
        'It cannot be changed: cancel it with a credit note, then issue a corrected invoice.',
      ],
      link,
      signature: SIGNATURE.en,
    };
  };
}
