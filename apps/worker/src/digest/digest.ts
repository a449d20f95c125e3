import { adultOn, AttentionCode, compareDates, daysBetween, FollowUpItem, NotificationLanguage } from '@kpa/contracts';

/**
 * The coordinators' daily digest (docs/worker.md, notifications and the daily digest). Pure: the
 * caller passes a site's raw attention sources, today (Paris) and the keys already told to this
 * coordinator; out come the new items, grouped by heading, in short sentences — or nothing at all
 * when nothing is new (never an empty digest).
 *
 * Every item has a stable key naming what it is about and when it became due, so an item is told
 * once: `interview_overdue:<memberId>:<dueOn>` is told again only if a new interview moves its due day.
 */

/** A CAPE ending is told when it crosses each of these (days left), once per threshold. */
export const CAPE_THRESHOLDS = [60, 30, 7] as const;

/** At most this many lines per heading; the rest is counted ("… et 4 autres"). */
export const LINES_PER_HEADING = 10;

/** What the services (and the worker's own dunning tables) say about one site, as of today. */
export interface DigestSources {
  siteName: string;
  /** membership's follow-up board. */
  board: FollowUpItem[];
  /** The site's active members with their birth dates (for "turning 18 this month"). */
  members: { memberId: string; firstName: string; lastName: string; birthDate: string }[];
  /** Active and upcoming CAPE contracts (an active one followed by an upcoming one is not ending). */
  capeContracts: { memberId: string; endsOn: string; status: 'active' | 'upcoming' }[];
  /** Level-3 formal notices prepared as drafts, awaiting the coordinator's review. */
  dunningDrafts: { invoiceId: string; number: string; dueOn: string }[];
  /** Contributions submitted by members, awaiting validation. */
  contributionsToValidate: { id: string; memberName: string; date: string; hours: string }[];
  /** Members' objections to a closed period, not yet answered. */
  openObjections: { id: string; periodId: string; name: string }[];
  /** Help requests of other sites that this site sees and has not offered on yet (open, or with others' offers). */
  helpRequests: { id: string; siteName: string; title: string; startsOn: string }[];
}

export const DIGEST_HEADINGS = ['follow_up', 'cape', 'adults', 'dunning', 'contributions', 'objections', 'help'] as const;
export type DigestHeading = (typeof DIGEST_HEADINGS)[number];

const HEADING_TEXT: Record<DigestHeading, Record<NotificationLanguage, string>> = {
  follow_up: { fr: 'Suivi des parcours', en: 'Follow-up' },
  cape: { fr: 'Contrats CAPE', en: 'CAPE contracts' },
  adults: { fr: 'Majorité ce mois-ci', en: 'Turning 18 this month' },
  dunning: { fr: 'Mises en demeure à relire', en: 'Formal notices to review' },
  contributions: { fr: 'Contributions à valider', en: 'Contributions to validate' },
  objections: { fr: 'Contestations à traiter', en: 'Objections to answer' },
  help: { fr: 'Demandes d’aide d’autres KPA', en: 'Help requests from other sites' },
};

/** One thing to tell, in both languages (the recipient's is chosen when the notification is written). */
export interface DigestItem {
  key: string;
  heading: DigestHeading;
  text: Record<NotificationLanguage, string>;
}

export interface DigestSection {
  heading: DigestHeading;
  items: DigestItem[];
}

/** "Ines B.": first name and initial, all a digest (in-app or e-mail) says of a person. */
export function shortName(firstName: string, lastName: string): string {
  const initial = [...lastName.trim()][0];
  return initial ? `${firstName.trim()} ${initial.toUpperCase()}.` : firstName.trim();
}

/** "Prénom Nom" (as remuneration gives names) → "Prénom N.". */
function shortFullName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.length > 1 ? shortName(words[0], words.slice(1).join(' ')) : words[0];
}

const MONTHS: Record<NotificationLanguage, string[]> = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** "28 nov." / "28 Nov" (the year only when it is not today's). */
export function shortDate(date: string, today: string, language: NotificationLanguage): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = date.slice(0, 4) === today.slice(0, 4) ? '' : ` ${y}`;
  return `${d} ${MONTHS[language][m - 1]}${year}`;
}

function both(render: (language: NotificationLanguage) => string): Record<NotificationLanguage, string> {
  return { fr: render('fr'), en: render('en') };
}

/** "3,50 h" / "3.50 h". */
function hours(value: string, language: NotificationLanguage): string {
  return `${language === 'fr' ? value.replace('.', ',') : value} h`;
}

type BoardCode = Exclude<AttentionCode, 'cape_ending_soon' | 'cape_ended_while_active'>;

const BOARD_TEXT: Record<BoardCode, (who: string, on: string | null, language: NotificationLanguage) => string> = {
  no_first_interview: (who, on, l) => (l === 'fr' ? `Premier entretien à tenir : ${who} (attendu le ${on})` : `First interview to hold: ${who} (due ${on})`),
  interview_overdue: (who, on, l) => (l === 'fr' ? `Entretien en retard : ${who} (prévu le ${on})` : `Interview overdue: ${who} (due ${on})`),
  mid_term_review_due: (who, on, l) => (l === 'fr' ? `Bilan mi-parcours à faire : ${who} (depuis le ${on})` : `Mid-term review due: ${who} (since ${on})`),
  exit_interview_due: (who, on, l) => (l === 'fr' ? `Entretien d’envol à faire : ${who} (depuis le ${on})` : `Exit interview due: ${who} (since ${on})`),
  minor_without_guardian: (who, _on, l) => (l === 'fr' ? `Accord du représentant légal à recueillir : ${who} (mineur·e)` : `Guardian's consent to record: ${who} (a minor)`),
};

function boardItems(board: FollowUpItem[], today: string): DigestItem[] {
  return board.flatMap((member) =>
    member.attention.flatMap((attention): DigestItem[] => {
      if (attention.code === 'cape_ending_soon' || attention.code === 'cape_ended_while_active') return [];
      const render = BOARD_TEXT[attention.code];
      const who = shortName(member.firstName, member.lastName);
      return [
        {
          key: [attention.code, member.memberId, ...(attention.dueOn ? [attention.dueOn] : [])].join(':'),
          heading: 'follow_up',
          text: both((language) => render(who, attention.dueOn ? shortDate(attention.dueOn, today, language) : null, language)),
        },
      ];
    }),
  );
}

/** The tightest threshold a CAPE ending in `daysLeft` has crossed, or null (more than 60 days, or ended). */
export function capeThreshold(daysLeft: number): (typeof CAPE_THRESHOLDS)[number] | null {
  if (daysLeft < 0) return null;
  const crossed = CAPE_THRESHOLDS.filter((threshold) => daysLeft <= threshold);
  return crossed.length > 0 ? crossed[crossed.length - 1] : null;
}

/**
 * CAPE endings, told at 60, 30 and 7 days (one item per threshold: the tightest crossed, so a
 * contract first seen 25 days before its end is told once, at 30, then at 7). From the contracts
 * (an active one with no upcoming one after it) and the board's `cape_ending_soon` (same rule, 30 days).
 */
function capeItems(sources: DigestSources, today: string): DigestItem[] {
  const names = new Map<string, { firstName: string; lastName: string }>();
  for (const member of sources.members) names.set(member.memberId, member);
  for (const member of sources.board) names.set(member.memberId, member);
  const renewed = new Set(sources.capeContracts.filter((c) => c.status === 'upcoming').map((c) => c.memberId));
  const endings = new Map<string, { memberId: string; endsOn: string }>();
  for (const contract of sources.capeContracts) {
    if (contract.status === 'active' && !renewed.has(contract.memberId)) endings.set(`${contract.memberId}:${contract.endsOn}`, contract);
  }
  for (const member of sources.board) {
    for (const attention of member.attention) {
      if (attention.code === 'cape_ending_soon' && attention.dueOn) endings.set(`${member.memberId}:${attention.dueOn}`, { memberId: member.memberId, endsOn: attention.dueOn });
    }
  }
  return [...endings.values()]
    .sort((a, b) => compareDates(a.endsOn, b.endsOn) || a.memberId.localeCompare(b.memberId))
    .flatMap(({ memberId, endsOn }): DigestItem[] => {
      const left = daysBetween(today, endsOn);
      const threshold = capeThreshold(left);
      const name = names.get(memberId);
      if (threshold === null || !name) return [];
      const who = shortName(name.firstName, name.lastName);
      return [
        {
          key: `cape_ending:${memberId}:${endsOn}:${threshold}`,
          heading: 'cape',
          text: both((l) => {
            const on = shortDate(endsOn, today, l);
            if (l === 'fr')
              return left === 0 ? `Le CAPE de ${who} se termine aujourd’hui (${on})` : `Le CAPE de ${who} se termine dans ${left} jour${left > 1 ? 's' : ''} (le ${on})`;
            return left === 0 ? `${who}'s CAPE ends today (${on})` : `${who}'s CAPE ends in ${left} day${left > 1 ? 's' : ''} (${on})`;
          }),
        },
      ];
    });
}

/** Members whose 18th birthday falls in today's month (Paris), told once. */
function adultItems(sources: DigestSources, today: string): DigestItem[] {
  return sources.members
    .map((member) => ({ member, on: adultOn(member.birthDate) }))
    .filter(({ on }) => on.slice(0, 7) === today.slice(0, 7))
    .sort((a, b) => compareDates(a.on, b.on))
    .map(({ member, on }) => {
      const who = shortName(member.firstName, member.lastName);
      const past = compareDates(on, today) < 0;
      return {
        key: `turns_18:${member.memberId}:${on}`,
        heading: 'adults' as const,
        text: both((l) =>
          l === 'fr' ? `${who} ${past ? 'a eu' : 'aura'} 18 ans le ${shortDate(on, today, l)}` : `${who} ${past ? 'turned' : 'turns'} 18 on ${shortDate(on, today, l)}`,
        ),
      };
    });
}

function otherItems(sources: DigestSources, today: string): DigestItem[] {
  return [
    ...sources.dunningDrafts.map((draft) => ({
      key: `dunning_draft:${draft.invoiceId}`,
      heading: 'dunning' as const,
      text: both((l) =>
        l === 'fr' ? `Facture ${draft.number} (échue le ${shortDate(draft.dueOn, today, l)})` : `Invoice ${draft.number} (due ${shortDate(draft.dueOn, today, l)})`,
      ),
    })),
    ...sources.contributionsToValidate.map((c) => ({
      key: `contribution:${c.id}`,
      heading: 'contributions' as const,
      text: both((l) =>
        l === 'fr'
          ? `${shortFullName(c.memberName)} : ${hours(c.hours, l)} le ${shortDate(c.date, today, l)}`
          : `${shortFullName(c.memberName)}: ${hours(c.hours, l)} on ${shortDate(c.date, today, l)}`,
      ),
    })),
    ...sources.openObjections.map((objection) => ({
      key: `objection:${objection.id}`,
      heading: 'objections' as const,
      text: both((l) => (l === 'fr' ? `${shortFullName(objection.name)} conteste la répartition` : `${shortFullName(objection.name)} objects to the distribution`)),
    })),
    ...sources.helpRequests.map((help) => ({
      key: `help_request:${help.id}`,
      heading: 'help' as const,
      text: both((l) =>
        l === 'fr'
          ? `${help.siteName} : « ${help.title} » (à partir du ${shortDate(help.startsOn, today, l)})`
          : `${help.siteName}: "${help.title}" (from ${shortDate(help.startsOn, today, l)})`,
      ),
    })),
  ];
}

/** Everything worth telling today, told or not, each under its stable key (no key twice). */
export function digestItems(sources: DigestSources, today: string): DigestItem[] {
  const seen = new Set<string>();
  return [...boardItems(sources.board, today), ...capeItems(sources, today), ...adultItems(sources, today), ...otherItems(sources, today)].filter((item) => {
    if (seen.has(item.key)) return false;
    seen.add(item.key);
    return true;
  });
}

/** The items not told yet, grouped by heading in a fixed order; empty when nothing is new. */
export function newDigest(sources: DigestSources, today: string, told: ReadonlySet<string>): DigestSection[] {
  const fresh = digestItems(sources, today).filter((item) => !told.has(item.key));
  return DIGEST_HEADINGS.map((heading) => ({ heading, items: fresh.filter((item) => item.heading === heading) })).filter((section) => section.items.length > 0);
}

export interface DigestText {
  title: string;
  paragraphs: string[];
}

/** The digest's words: a title counting the new items, then per heading its name and one line per item. */
export function digestText(sections: DigestSection[], siteName: string, language: NotificationLanguage): DigestText {
  const count = sections.reduce((n, section) => n + section.items.length, 0);
  const title =
    language === 'fr' ? `${siteName} : ${count} point${count > 1 ? 's' : ''} à voir aujourd’hui` : `${siteName}: ${count} new item${count > 1 ? 's' : ''} to look at today`;
  const paragraphs = sections.flatMap((section) => {
    const shown = section.items.slice(0, LINES_PER_HEADING).map((item) => `– ${item.text[language]}`);
    const rest = section.items.length - shown.length;
    if (rest > 0) shown.push(language === 'fr' ? `– … et ${rest} autre${rest > 1 ? 's' : ''}` : `– … and ${rest} more`);
    return [`${HEADING_TEXT[section.heading][language]}${language === 'fr' ? ' :' : ':'}`, ...shown];
  });
  return { title, paragraphs };
}
