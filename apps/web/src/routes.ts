/** The console's addresses, in French (what a person reads in the address bar and bookmarks), in one place. */
export const ROUTES = {
  login: '/connexion',
  chooseSite: '/choisir-un-site',
  today: '/aujourdhui',
  notifications: '/notifications',
  account: '/mon-compte',
  // member
  home: '/accueil',
  missions: '/missions',
  myHours: '/mes-heures',
  periodPattern: '/periodes/:id',
  // members
  members: '/membres',
  registerMember: '/membres/nouveau',
  importMembers: '/membres/import',
  // commerce
  invoices: '/factures',
  newInvoice: '/factures/nouvelle',
  quotes: '/devis',
  // remuneration
  newMission: '/missions/nouvelle',
  contributions: '/contributions',
  periods: '/periodes',
  simulator: '/simulateur',
  remunerationSettings: '/reglages-remuneration',
  newQuote: '/devis/nouveau',
  creditNotes: '/avoirs',
  receivables: '/encours',
  clients: '/clients',
  catalogue: '/catalogue',
  expenses: '/depenses',
  member: (id: string) => `/membres/${id}`,
  quote: (id: string) => `/devis/${id}`,
  invoice: (id: string) => `/factures/${id}`,
  mission: (id: string) => `/missions/${id}`,
  contribution: (id: string) => `/contributions/${id}`,
  period: (id: string) => `/periodes/${id}`,
  // network
  network: '/reseau',
  networkSkills: '/reseau/competences',
  networkHelp: '/reseau/entraide',
  networkReciprocity: '/reseau/reciprocite',
  networkEquipment: '/reseau/materiel',
  networkLaunches: '/reseau/lancements',
  myNetworkProfile: '/reseau/mon-profil',
  networkSite: (siteId: string) => `/reseau/kpa/${siteId}`,
  // reports
  reports: '/rapports',
  networkReports: '/rapports/reseau',
  // dunning
  dunning: '/relances',
  dunningPolicy: '/relances/regles',
  dunningDrafts: '/relances/mises-en-demeure',
  dunningDraft: (invoiceId: string) => `/relances/mises-en-demeure/${invoiceId}`,
  collection: (invoiceId: string) => `/relances/factures/${invoiceId}`,
  // admin
  admin: '/administration',
  hostStructures: '/administration/structures',
  hostStructure: (id: string) => `/administration/structures/${id}`,
  adminSites: '/administration/sites',
  adminSite: (id: string) => `/administration/sites/${id}`,
  creditNote: (id: string) => `/avoirs/${id}`,
} as const;

const API_RESOURCE = /^\/v1\/sites\/[0-9a-f-]{36}\/(members|quotes|invoices|missions|contributions|periods)\/([0-9a-f-]{36})$/;
const RESOURCE_ROUTE = {
  members: ROUTES.member,
  quotes: ROUTES.quote,
  invoices: ROUTES.invoice,
  missions: ROUTES.mission,
  contributions: ROUTES.contribution,
  periods: ROUTES.period,
} as const;

/**
 * The console page for a link a notification carries: the worker links to the API resource
 * (`/v1/sites/:siteId/quotes/:id`), the console shows its page (`/devis/:id`). Null for anything
 * else (another origin, an unknown path): no link rather than a wrong one.
 */
export function consoleRouteFor(link: string | null): string | null {
  if (!link) return null;
  const path = link.split(/[?#]/)[0];
  if (/^\/v1\/sites\/[0-9a-f-]{36}\/follow-up$/.test(path)) return ROUTES.today;
  const resource = API_RESOURCE.exec(path);
  if (resource) return RESOURCE_ROUTE[resource[1] as keyof typeof RESOURCE_ROUTE](resource[2]);
  return null;
}
