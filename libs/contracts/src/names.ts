/**
 * Every name that crosses a wire: NATS subjects, the JetStream stream, durable consumers,
 * BullMQ queues and jobs. NEVER RENAME one of these: messages in flight, durable consumers and
 * queued jobs are bound to them. A breaking change is a new name (or a new event version)
 * published beside the old one.
 *
 * Subjects are written without their namespace: the messaging layer prefixes them with the
 * deployment's namespace (KPA_NATS_NAMESPACE, "kpa" by default), so an RPC subject below
 * `rpc.membership.site.get` travels as `kpa.rpc.membership.site.get` and an event as
 * `kpa.events.membership.site.created.v1`.
 */

/** Service names: also the NATS queue group of each service and the prefix of its event types. */
export const SERVICES = ['gateway', 'membership', 'commerce', 'remuneration', 'networking', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * Each service's default HTTP port (health, and the API on the gateway), the one place it
 * is written: the apps' configs take it from here; docker-compose.yml, scripts/lib/services.js and
 * the docs keep copies that test/docs/service-ports.spec.ts holds equal to it. HTTP_PORT overrides it.
 */
export const SERVICE_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 3000,
  membership: 3101,
  commerce: 3102,
  remuneration: 3103,
  networking: 3104,
  worker: 3105,
};

/**
 * Each service's default metrics port (Prometheus `GET /metrics`), a listener of its own that is
 * never published: route names, volumes and internal subjects are for the monitoring network only.
 * Written here only, like SERVICE_PORTS (same copies, same test). METRICS_PORT overrides it.
 */
export const METRICS_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 9400,
  membership: 9401,
  commerce: 9402,
  remuneration: 9403,
  networking: 9404,
  worker: 9405,
};

/** Request/reply subjects, one per use case. */
export const RPC = {
  membership: {
    hostStructureCreate: 'rpc.membership.host_structure.create',
    hostStructureList: 'rpc.membership.host_structure.list',
    hostStructureGet: 'rpc.membership.host_structure.get',
    hostStructureUpdate: 'rpc.membership.host_structure.update',
    siteCreate: 'rpc.membership.site.create',
    siteList: 'rpc.membership.site.list',
    siteGet: 'rpc.membership.site.get',
    siteUpdate: 'rpc.membership.site.update',
    memberCreate: 'rpc.membership.member.create',
    memberList: 'rpc.membership.member.list',
    memberGet: 'rpc.membership.member.get',
    memberUpdate: 'rpc.membership.member.update',
    memberLeave: 'rpc.membership.member.leave',
    memberRejoin: 'rpc.membership.member.rejoin',
    memberExport: 'rpc.membership.member.export',
    memberErase: 'rpc.membership.member.erase',
    memberImport: 'rpc.membership.member.import',
    capeSign: 'rpc.membership.cape_contract.sign',
    capeRenew: 'rpc.membership.cape_contract.renew',
    capeTerminate: 'rpc.membership.cape_contract.terminate',
    capeList: 'rpc.membership.cape_contract.list',
    journeyGet: 'rpc.membership.journey.get',
    journeySet: 'rpc.membership.journey.set',
    statsFigures: 'rpc.membership.stats.figures',
    interviewSchedule: 'rpc.membership.interview.schedule',
    interviewList: 'rpc.membership.interview.list',
    interviewUpdate: 'rpc.membership.interview.update',
    followUpBoard: 'rpc.membership.follow_up.board',
  },
  commerce: {
    clientCreate: 'rpc.commerce.client.create',
    clientList: 'rpc.commerce.client.list',
    clientGet: 'rpc.commerce.client.get',
    clientUpdate: 'rpc.commerce.client.update',
    catalogueItemCreate: 'rpc.commerce.catalogue_item.create',
    catalogueItemList: 'rpc.commerce.catalogue_item.list',
    catalogueItemGet: 'rpc.commerce.catalogue_item.get',
    catalogueItemUpdate: 'rpc.commerce.catalogue_item.update',
    quoteCreate: 'rpc.commerce.quote.create',
    quoteList: 'rpc.commerce.quote.list',
    quoteGet: 'rpc.commerce.quote.get',
    quoteUpdate: 'rpc.commerce.quote.update',
    quoteAct: 'rpc.commerce.quote.act',
    documentPdf: 'rpc.commerce.document.pdf',
    documentEInvoice: 'rpc.commerce.document.einvoice',
    documentReceiptedInvoice: 'rpc.commerce.document.receipted_invoice',
    einvoiceTransmission: 'rpc.commerce.einvoice.transmission',
    // worker: e-invoicing (the transmission sweep)
    einvoiceTransmitDue: 'rpc.commerce.einvoice.transmit_due',
    expenseCreate: 'rpc.commerce.expense.create',
    expenseList: 'rpc.commerce.expense.list',
    expenseGet: 'rpc.commerce.expense.get',
    expenseUpdate: 'rpc.commerce.expense.update',
    expenseApprove: 'rpc.commerce.expense.approve',
    expenseReject: 'rpc.commerce.expense.reject',
    expenseReimburse: 'rpc.commerce.expense.reimburse',
    expenseAttachReceipt: 'rpc.commerce.expense.attach_receipt',
    expenseGetReceipt: 'rpc.commerce.expense.get_receipt',
    // gateway: a host structure's logo, printed on its documents (frozen by its SHA-256)
    hostLogoPut: 'rpc.commerce.host_logo.put',
    hostLogoGet: 'rpc.commerce.host_logo.get',
    hostLogoRemove: 'rpc.commerce.host_logo.remove',
    invoiceCreate: 'rpc.commerce.invoice.create',
    invoiceList: 'rpc.commerce.invoice.list',
    invoiceGet: 'rpc.commerce.invoice.get',
    invoiceUpdate: 'rpc.commerce.invoice.update',
    invoiceIssue: 'rpc.commerce.invoice.issue',
    creditNoteCreate: 'rpc.commerce.credit_note.create',
    creditNoteList: 'rpc.commerce.credit_note.list',
    creditNoteGet: 'rpc.commerce.credit_note.get',
    paymentRecord: 'rpc.commerce.payment.record',
    paymentList: 'rpc.commerce.payment.list',
    refundRecord: 'rpc.commerce.refund.record',
    refundList: 'rpc.commerce.refund.list',
    receivablesBoard: 'rpc.commerce.receivables.board',
    // worker: reports (the activity report's figures)
    activityFigures: 'rpc.commerce.activity.figures',
    // gateway: e-reporting of a host structure (B2C figures for its PA)
    eReportingFigures: 'rpc.commerce.e_reporting.figures',
    eReportingCsv: 'rpc.commerce.e_reporting.csv',
    // worker: quotes (the expiry sweep)
    quoteExpireDue: 'rpc.commerce.quote.expire_due',
    missionCreate: 'rpc.commerce.mission.create',
    missionList: 'rpc.commerce.mission.list',
    missionGet: 'rpc.commerce.mission.get',
    missionUpdate: 'rpc.commerce.mission.update',
    missionSignUp: 'rpc.commerce.mission.sign_up',
    missionWithdraw: 'rpc.commerce.mission.withdraw',
    missionConfirmTeam: 'rpc.commerce.mission.confirm_team',
    missionComplete: 'rpc.commerce.mission.complete',
    missionCancel: 'rpc.commerce.mission.cancel',
  },
  remuneration: {
    contributionCreate: 'rpc.remuneration.contribution.create',
    contributionList: 'rpc.remuneration.contribution.list',
    contributionGet: 'rpc.remuneration.contribution.get',
    contributionValidate: 'rpc.remuneration.contribution.validate',
    contributionReject: 'rpc.remuneration.contribution.reject',
    settingsGet: 'rpc.remuneration.settings.get',
    settingsUpdate: 'rpc.remuneration.settings.update',
    periodList: 'rpc.remuneration.period.list',
    periodCreate: 'rpc.remuneration.period.create',
    periodGet: 'rpc.remuneration.period.get',
    periodClose: 'rpc.remuneration.period.close',
    periodReopen: 'rpc.remuneration.period.reopen',
    periodApprove: 'rpc.remuneration.period.approve',
    periodExport: 'rpc.remuneration.period.export',
    periodMarkPaid: 'rpc.remuneration.period.mark_paid',
    objectionCreate: 'rpc.remuneration.objection.create',
    objectionList: 'rpc.remuneration.objection.list',
    objectionAnswer: 'rpc.remuneration.objection.answer',
    recognitionGive: 'rpc.remuneration.recognition.give',
    recognitionList: 'rpc.remuneration.recognition.list',
    paySimulate: 'rpc.remuneration.pay.simulate',
    // worker: reports (the activity report's figures)
    activityFigures: 'rpc.remuneration.activity.figures',
  },
  networking: {
    // networking: help requests, reciprocity
    helpRequestCreate: 'rpc.networking.help_request.create',
    helpRequestList: 'rpc.networking.help_request.list',
    helpRequestGet: 'rpc.networking.help_request.get',
    helpRequestCancel: 'rpc.networking.help_request.cancel',
    helpRequestDone: 'rpc.networking.help_request.done',
    helpRequestConfirm: 'rpc.networking.help_request.confirm',
    helpOfferMake: 'rpc.networking.help_offer.make',
    helpOfferAccept: 'rpc.networking.help_offer.accept',
    helpOfferDecline: 'rpc.networking.help_offer.decline',
    reciprocityBoard: 'rpc.networking.reciprocity.board',
    reciprocitySite: 'rpc.networking.reciprocity.site',
    reciprocityStatement: 'rpc.networking.reciprocity.statement',
    reciprocityReverse: 'rpc.networking.reciprocity.reverse',
    reciprocitySettingsGet: 'rpc.networking.reciprocity_settings.get',
    reciprocitySettingsUpdate: 'rpc.networking.reciprocity_settings.update',
    reciprocityTemplateList: 'rpc.networking.reciprocity_template.list',
    reciprocityTemplateCreate: 'rpc.networking.reciprocity_template.create',
    reciprocityTemplateUpdate: 'rpc.networking.reciprocity_template.update',
    reciprocityEntryPropose: 'rpc.networking.reciprocity_entry.propose',
    reciprocityEntryConfirm: 'rpc.networking.reciprocity_entry.confirm',
    reciprocityEntryReject: 'rpc.networking.reciprocity_entry.reject',
    // networking: directory & map, stats, skill pools
    directoryList: 'rpc.networking.directory.list',
    directoryGet: 'rpc.networking.directory.get',
    directoryGeoJson: 'rpc.networking.directory.geojson',
    siteProfileGet: 'rpc.networking.site_profile.get',
    siteProfileSet: 'rpc.networking.site_profile.set',
    statsGet: 'rpc.networking.stats.get',
    memberProfileGet: 'rpc.networking.member_profile.get',
    memberProfileSet: 'rpc.networking.member_profile.set',
    poolPersonList: 'rpc.networking.pool_person.list',
    poolPersonCreate: 'rpc.networking.pool_person.create',
    poolPersonUpdate: 'rpc.networking.pool_person.update',
    poolPersonRemove: 'rpc.networking.pool_person.remove',
    skillSearch: 'rpc.networking.skill.search',
    // networking: equipment, launches
    equipmentCreate: 'rpc.networking.equipment.create',
    equipmentUpdate: 'rpc.networking.equipment.update',
    equipmentWithdraw: 'rpc.networking.equipment.withdraw',
    equipmentGet: 'rpc.networking.equipment.get',
    equipmentList: 'rpc.networking.equipment.list',
    reservationCreate: 'rpc.networking.equipment_reservation.create',
    reservationAct: 'rpc.networking.equipment_reservation.act',
    reservationList: 'rpc.networking.equipment_reservation.list',
    launchList: 'rpc.networking.launch.list',
    launchCompleteStep: 'rpc.networking.launch.complete_step',
    launchNameMentor: 'rpc.networking.launch.name_mentor',
    accompanimentLog: 'rpc.networking.accompaniment.log',
    accompanimentConfirm: 'rpc.networking.accompaniment.confirm',
    accompanimentList: 'rpc.networking.accompaniment.list',
  },
  worker: {
    // worker: dunning
    dunningPolicyGet: 'rpc.worker.dunning_policy.get',
    dunningPolicySet: 'rpc.worker.dunning_policy.set',
    dunningPause: 'rpc.worker.dunning.pause',
    dunningResume: 'rpc.worker.dunning.resume',
    collectionLogGet: 'rpc.worker.collection_log.get',
    collectionNoteAdd: 'rpc.worker.collection_note.add',
    dunningStatuses: 'rpc.worker.dunning.statuses',
    dunningDraftList: 'rpc.worker.dunning_draft.list',
    dunningDraftSend: 'rpc.worker.dunning_draft.send',
    dunningDraftLetter: 'rpc.worker.dunning_draft.letter',
    // worker: reports
    reportRequest: 'rpc.worker.report.request',
    reportGet: 'rpc.worker.report.get',
    reportFile: 'rpc.worker.report.file',
    // worker: mail
    mailListOfSite: 'rpc.worker.mail.list_of_site',
    // worker: notifications
    notificationList: 'rpc.worker.notification.list',
    notificationRead: 'rpc.worker.notification.read',
    notificationReadAll: 'rpc.worker.notification.read_all',
    notificationPreferencesGet: 'rpc.worker.notification_preferences.get',
    notificationPreferencesSet: 'rpc.worker.notification_preferences.set',
  },
  /** Every service answers its own readiness over NATS, so the gateway can report on all of them. */
  health: <S extends ServiceName>(service: S) => `rpc.${service}.health.ready` as const,
} as const;

/**
 * Core NATS broadcasts (every instance receives them, at most once): cache invalidations only,
 * never facts that must not be lost.
 */
export const BROADCASTS = {
  /** A user's roles or sessions changed: gateway instances drop what they cached of them. */
  identityChanged: 'broadcast.gateway.identity.changed',
} as const;

/** The JetStream stream that keeps every domain event (suffix of `<NAMESPACE>_`). */
export const EVENT_STREAM_SUFFIX = 'EVENTS';
/** Subject root of domain events: `<namespace>.events.<service>.<aggregate>.<verb>.v<version>`. */
export const EVENT_SUBJECT_ROOT = 'events';

/**
 * JetStream object stores (suffix of the bucket `<namespace>_<suffix>`): file storage, no expiry.
 * Receipts of expenses are accounting documents, kept 10 years (C. com. L123-22).
 */
export const OBJECT_STORES = {
  receipts: 'receipts',
} as const;

/** Durable JetStream consumers, one per (service, purpose). */
export const DURABLE_CONSUMERS = {
  gatewayMemberErasure: 'gateway-member-erasure',
  commerceSellerDirectory: 'commerce-seller-directory',
  commerceMemberDirectory: 'commerce-member-directory',
  networkingSiteDirectory: 'networking-site-directory',
  // networking: help requests, reciprocity (site names and host structures of the ledger)
  networkingReciprocitySites: 'networking-reciprocity-sites',
  // networking: directory & map, stats, skill pools
  networkingMemberDirectory: 'networking-member-directory',
  remunerationDirectory: 'remuneration-directory',
  remunerationLedger: 'remuneration-ledger',
  remunerationPeriodErasure: 'remuneration-period-erasure',
  // networking: equipment, launches
  networkingLaunchMembership: 'networking-launch-membership',
  networkingLaunchCommerce: 'networking-launch-commerce',
  // worker: dunning (the read model of issued invoices)
  workerDunningInvoices: 'worker-dunning-invoices',
  // worker: notifications (whom to write to: the sites' users, from the gateway)
  workerRecipients: 'worker-recipients',
  // worker: notifications (members' notices)
  workerMemberNoticesCommerce: 'worker-member-notices-commerce',
  workerMemberNoticesRemuneration: 'worker-member-notices-remuneration',
} as const;

/** BullMQ queues (prefixed in Redis by the namespace); their jobs and payloads are in jobs.ts. */
export const QUEUES = {
  maintenance: 'maintenance',
  // worker: dunning
  dunning: 'dunning',
  // worker: reports
  reports: 'reports',
  // worker: mail
  mail: 'mail',
  // worker: quotes
  quotes: 'quotes',
  // worker: digest
  notifications: 'notifications',
  // worker: e-invoicing (the transmission sweep)
  einvoicing: 'einvoicing',
} as const;
