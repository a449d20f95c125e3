import { createHash } from 'node:crypto';
import {
  AGE_BANDS,
  CLIENT_KINDS,
  CommerceActivityFigures,
  ENTRY_SITUATIONS,
  Figures,
  formatCents,
  GENDERS,
  hideSmallCount,
  LEAVING_OUTCOMES,
  REFERRERS,
  RemunerationActivityFigures,
  ReportFigure,
} from '@kpa/contracts';

/**
 * The funders' activity report (politique de la ville, département, FSE) as a list of figures:
 * pure, no Nest, no database. The figures come from the services (membership's people figures,
 * commerce's revenue and clients, remuneration's hours and distributions); this file names each
 * one, defines it in a sentence the CSV prints beside it, and hides small counts when the report
 * leaves a site.
 */
export interface ActivityInputs {
  people: Figures;
  commerce: CommerceActivityFigures;
  remuneration: RemunerationActivityFigures;
}

/** Revenue of invoices whose mission has no activity pole (or of no mission). */
export const NO_POLE = 'sans pôle';

export const SECTIONS = { people: 'Personnes accompagnées', economy: 'Activité économique' } as const;

const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { female: 'Femmes', male: 'Hommes', non_binary: 'Non binaires', not_said: 'Non renseigné' };
const AGE_LABELS: Record<(typeof AGE_BANDS)[number], string> = { under_18: 'Moins de 18 ans', '18_21': '18 à 21 ans', '22_25': '22 à 25 ans', '26_and_over': '26 ans et plus' };
const OUTCOME_LABELS: Record<(typeof LEAVING_OUTCOMES)[number], string> = {
  employment: 'Emploi',
  training: 'Formation',
  own_activity_cae_bge: 'Activité en CAE ou BGE',
  company_created: 'Création d’entreprise',
  other: 'Autre',
  unknown: 'Inconnue',
};
const SITUATION_LABELS: Record<(typeof ENTRY_SITUATIONS)[number], string> = {
  job_seeker: 'Demandeur d’emploi',
  rsa: 'Allocataire du RSA',
  student: 'Scolaire ou étudiant',
  employed_part_time: 'Salarié à temps partiel',
  other: 'Autre',
};
const REFERRER_LABELS: Record<(typeof REFERRERS)[number], string> = {
  mission_locale: 'Mission locale',
  social_centre: 'Centre social',
  word_of_mouth: 'Bouche-à-oreille',
  other: 'Autre',
};
const CLIENT_LABELS: Record<(typeof CLIENT_KINDS)[number], string> = {
  individual: 'Particuliers',
  company: 'Entreprises',
  association: 'Associations',
  public_body: 'Organismes publics',
};

/** The labels of a breakdown, in the order the report shows them. */
export const BREAKDOWNS = {
  leavingOutcomes: OUTCOME_LABELS,
  byGender: GENDER_LABELS,
  byAgeBand: AGE_LABELS,
  bySituation: SITUATION_LABELS,
  byReferrer: REFERRER_LABELS,
  clientsByKind: CLIENT_LABELS,
} as const;

/**
 * The figures of several sites added up (a host structure's report). Each site's figures must be
 * the unsuppressed ones: a hidden cell cannot be added; the sum is suppressed afterwards.
 */
export function sumPeopleFigures(sites: Figures[], from: string, to: string): Figures {
  const add = <K extends string>(pick: (figures: Figures) => Partial<Record<K, number | null>>): Partial<Record<K, number>> => {
    const total: Partial<Record<K, number>> = {};
    for (const site of sites) {
      for (const [key, count] of Object.entries(pick(site)) as [K, number | null][]) {
        if (count === null) throw new RangeError('Hidden counts cannot be added: ask each site for its own figures.');
        total[key] = (total[key] ?? 0) + count;
      }
    }
    return total;
  };
  const sum = (pick: (figures: Figures) => number): number => sites.reduce((total, site) => total + pick(site), 0);
  return {
    from,
    to,
    tookPart: sum((f) => f.tookPart),
    activeNow: sum((f) => f.activeNow),
    underCapeNow: sum((f) => f.underCapeNow),
    joined: sum((f) => f.joined),
    left: sum((f) => f.left),
    leavingOutcomes: add((f) => f.leavingOutcomes),
    byGender: add((f) => f.byGender),
    byAgeBand: add((f) => f.byAgeBand),
    bySituation: add((f) => f.bySituation),
    byReferrer: add((f) => f.byReferrer),
    priorityNeighbourhood: {
      count: sum((f) => {
        if (f.priorityNeighbourhood.count === null) throw new RangeError('Hidden counts cannot be added: ask each site for its own figures.');
        return f.priorityNeighbourhood.count;
      }),
      of: sum((f) => f.priorityNeighbourhood.of),
    },
    interviewsHeld: sum((f) => f.interviewsHeld),
    smallCountsHidden: false,
  };
}

/** "12.5" → "12.50": hours and euros print with two decimals, the way the services write them. */
function twoDecimals(value: string): string {
  const [whole, decimals = ''] = value.split('.');
  return `${whole}.${decimals.padEnd(2, '0').slice(0, 2)}`;
}

/**
 * Every figure of the activity report, in the order the PDF and the CSV show them. With
 * `hideSmallCounts` (region and host reports), every breakdown cell counting 1 to 4 people or
 * clients is null; totals stay, as in membership's network figures.
 */
export function activityFigures({ people, commerce, remuneration }: ActivityInputs, options: { hideSmallCounts: boolean }): ReportFigure[] {
  // A category nobody fell in is absent (0); one membership already hid is null and stays hidden.
  const hide = (count: number | null | undefined): number | null => {
    const value = count === undefined ? 0 : count;
    return options.hideSmallCounts ? hideSmallCount(value) : value;
  };
  const figures: ReportFigure[] = [];
  const person = (id: string, label: string, definition: string, value: number | null): void => {
    figures.push({ id: `people.${id}`, section: SECTIONS.people, label, definition, unit: 'people', value });
  };
  const breakdown = <K extends string>(id: string, labels: Record<K, string>, counts: Partial<Record<K, number | null>>, definition: string): void => {
    for (const key of Object.keys(labels) as K[]) {
      person(`${id}.${key}`, labels[key], definition, hide(counts[key]));
    }
  };

  person('took_part', 'Personnes accompagnées', 'Personnes dont une participation chevauche la période.', people.tookPart);
  person('active', 'Personnes actives', 'Personnes dont la participation est en cours à la date du rapport.', people.activeNow);
  person('under_cape', 'Personnes sous CAPE', 'Personnes ayant un contrat d’appui au projet d’entreprise en cours à la date du rapport.', people.underCapeNow);
  person('joined', 'Entrées', 'Participations commencées dans la période.', people.joined);
  person('left', 'Sorties', 'Participations terminées dans la période.', people.left);
  breakdown('exits', OUTCOME_LABELS, people.leavingOutcomes, 'Sorties de la période, selon leur issue.');
  breakdown('age', AGE_LABELS, people.byAgeBand, 'Personnes accompagnées, selon leur âge au dernier jour de la période.');
  breakdown('gender', GENDER_LABELS, people.byGender, 'Personnes accompagnées, selon leur genre.');
  breakdown('situation', SITUATION_LABELS, people.bySituation, 'Personnes accompagnées, selon leur situation à l’entrée.');
  breakdown('referrer', REFERRER_LABELS, people.byReferrer, 'Personnes accompagnées, selon qui les a orientées.');
  person('qpv', 'Résidant en QPV', 'Personnes accompagnées résidant dans un quartier prioritaire de la politique de la ville.', hide(people.priorityNeighbourhood.count));
  figures.push({
    id: 'people.interviews_held',
    section: SECTIONS.people,
    label: 'Entretiens tenus',
    definition: 'Entretiens de suivi tenus dans la période (jour calendaire en France).',
    unit: 'interviews',
    value: people.interviewsHeld,
  });

  const economy = (id: string, label: string, definition: string, unit: ReportFigure['unit'], value: number | string | null): void => {
    figures.push({ id: `economy.${id}`, section: SECTIONS.economy, label, definition, unit, value });
  };
  const revenue = commerce.revenueByPoleAndMonth
    .map((row) => ({ ...row, pole: row.pole ?? NO_POLE }))
    .sort((a, b) => a.pole.localeCompare(b.pole, 'fr') || a.month.localeCompare(b.month));
  const total = revenue.reduce((sum, row) => sum + row.netCents, 0);
  economy('revenue', 'Chiffre d’affaires HT', 'Factures émises dans la période moins les avoirs, hors taxes.', 'euros', formatCents(total));
  for (const row of revenue) {
    economy(
      `revenue.${row.pole}.${row.month}`,
      `${row.pole} – ${frenchMonth(row.month)}`,
      'Chiffre d’affaires HT du pôle d’activité dans le mois.',
      'euros',
      formatCents(row.netCents),
    );
  }
  for (const kind of CLIENT_KINDS) {
    economy(`clients.${kind}`, CLIENT_LABELS[kind], 'Clients facturés dans la période, selon leur nature.', 'clients', hide(commerce.clientsByKind[kind]));
  }
  economy('mission_hours', 'Heures de mission', 'Heures des missions terminées dans la période.', 'hours', twoDecimals(commerce.missionHours));
  economy('contributive_hours', 'Heures contributives', 'Heures contributives validées dans la période (hors missions).', 'hours', twoDecimals(remuneration.contributiveHours));
  economy('distributed', 'Montants distribués', 'Sommes réparties entre les membres par les périodes clôturées dans la période.', 'euros', twoDecimals(remuneration.distributed));
  return figures;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2026-03" → "mars 2026". */
export function frenchMonth(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1]} ${year}`;
}

/**
 * The SHA-256 a report keeps of its figures: over a canonical JSON (the figures in their order,
 * each one's keys in a fixed order), so the same figures always give the same hash.
 */
export function figuresSha256(figures: ReportFigure[]): string {
  const canonical = JSON.stringify(figures.map(({ id, section, label, definition, unit, value }) => [id, section, label, definition, unit, value]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** The CSV's rows, header first: one row per figure with its definition; a hidden count reads "< 5". */
export function figureRows(figures: ReportFigure[]): string[][] {
  return [
    ['identifiant', 'rubrique', 'indicateur', 'valeur', 'unité', 'définition'],
    ...figures.map((figure) => [figure.id, figure.section, figure.label, figure.value === null ? '< 5' : String(figure.value), UNIT_LABELS[figure.unit], figure.definition]),
  ];
}

const UNIT_LABELS: Record<ReportFigure['unit'], string> = { people: 'personnes', interviews: 'entretiens', clients: 'clients', euros: 'euros', hours: 'heures' };
