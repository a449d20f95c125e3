/**
 * The typed wire: every RPC subject of `RPC` with the request it takes and the response it answers.
 * The gateway's `RpcClient.call(subject, request)` infers both from the subject and each service's
 * `@RpcHandler(subject)` is checked against them, so a caller and its handler cannot drift apart.
 * The table is an object (not only a type) so a test can check it has one entry per subject of
 * `RPC`, and none more (rpc-map.spec.ts).
 */
import { RPC, SERVICES, ServiceName } from './names';
// worker: dunning
import type {
  AddCollectionNoteRequest,
  CollectionLog,
  DunningDraftList,
  DunningDraftLetter,
  DunningInvoiceRequest,
  DunningPolicyView,
  DunningStatuses,
  DunningStatusesRequest,
  GetDunningPolicyRequest,
  ListDunningDraftsRequest,
  PauseDunningRequest,
  ResumeDunningRequest,
  SendDunningDraftRequest,
  SetDunningPolicyRequest,
} from './rpc/worker/dunning';
import type { HealthRequest, ReadinessReport } from './rpc/health';
// worker: mail
import type { ListSiteMailRequest, OutgoingMailPage } from './rpc/worker/mail';
// worker: notifications
import type {
  GetNotificationPreferencesRequest,
  ListNotificationsRequest,
  Notification,
  NotificationPage,
  NotificationPreferences,
  ReadAllNotificationsRequest,
  ReadNotificationRequest,
  SetNotificationPreferencesRequest,
} from './rpc/worker/notifications';
import type {
  CatalogueItem,
  CatalogueItemPage,
  CreateCatalogueItemRequest,
  GetCatalogueItemRequest,
  ListCatalogueItemsRequest,
  UpdateCatalogueItemRequest,
} from './rpc/commerce/catalogue';
import type { Client, ClientPage, CreateClientRequest, GetClientRequest, ListClientsRequest, UpdateClientRequest } from './rpc/commerce/clients';
import type { DocumentPdf, DocumentPdfRequest, ReceiptedInvoiceRequest } from './rpc/commerce/document-pdfs';
import type { EInvoiceFile, EInvoiceFileRequest, EInvoiceTransmission, GetTransmissionRequest, TransmissionSweepOutcome } from './rpc/commerce/e-invoices';
import type {
  ApproveExpenseRequest,
  AttachReceiptRequest,
  CreateExpenseRequest,
  Expense,
  ExpensePage,
  GetExpenseRequest,
  GetReceiptRequest,
  ListExpensesRequest,
  ReceiptLocation,
  ReimburseExpenseRequest,
  RejectExpenseRequest,
  UpdateExpenseRequest,
} from './rpc/commerce/expenses';
import type { GetHostLogoRequest, HostLogo, HostLogoFile, HostLogoRemoved, PutHostLogoRequest, RemoveHostLogoRequest } from './rpc/commerce/host-logos';
import type {
  CreateCreditNoteRequest,
  CreateInvoiceRequest,
  CreditNote,
  CreditNotePage,
  GetCreditNoteRequest,
  GetInvoiceRequest,
  Invoice,
  InvoicePage,
  IssueInvoiceRequest,
  ListCreditNotesRequest,
  ListInvoicesRequest,
  ListPaymentsRequest,
  ListRefundsRequest,
  RecordRefundRequest,
  RefundPage,
  RefundRecorded,
  PaymentPage,
  PaymentRecorded,
  ReceivablesBoard,
  ReceivablesBoardRequest,
  RecordPaymentRequest,
  UpdateInvoiceRequest,
} from './rpc/commerce/invoices';
import type {
  CreateMissionRequest,
  GetMissionRequest,
  ListMissionsRequest,
  Mission,
  MissionCancelRequest,
  MissionCompleteRequest,
  MissionConfirmTeamRequest,
  MissionPage,
  MissionSignUpRequest,
  MissionWithdrawRequest,
  UpdateMissionRequest,
} from './rpc/commerce/missions';
import type {
  CreateQuoteRequest,
  ExpiredQuotes,
  ExpireDueQuotesRequest,
  GetQuoteRequest,
  ListQuotesRequest,
  Quote,
  QuoteActionRequest,
  QuotePage,
  UpdateQuoteRequest,
} from './rpc/commerce/quotes';
import type {
  CapeContract,
  CapeContractPage,
  ListCapeContractsRequest,
  RenewCapeContractRequest,
  SignCapeContractRequest,
  TerminateCapeContractRequest,
} from './rpc/membership/cape-contracts';
import type {
  CreateHostStructureRequest,
  GetHostStructureRequest,
  HostStructure,
  HostStructurePage,
  ListHostStructuresRequest,
  UpdateHostStructureRequest,
} from './rpc/membership/host-structures';
import type {
  FollowUpBoard,
  FollowUpRequest,
  Interview,
  InterviewPage,
  ListInterviewsRequest,
  ScheduleInterviewRequest,
  UpdateInterviewRequest,
} from './rpc/membership/interviews';
import type { GetJourneyRequest, Journey, SetJourneyRequest } from './rpc/membership/journeys';
import type { EraseMemberRequest, ExportMemberRequest, ImportMembersRequest, MemberErasure, MemberExport, MemberImportReport } from './rpc/membership/member-privacy';
import type {
  CreateMemberRequest,
  GetMemberRequest,
  LeaveRequest,
  ListMembersRequest,
  MemberAsSeen,
  MemberFile,
  MemberPage,
  RejoinRequest,
  UpdateMemberRequest,
} from './rpc/membership/members';
import type { CreateSiteRequest, GetSiteRequest, ListSitesRequest, Site, SitePage, UpdateSiteRequest } from './rpc/membership/sites';
import type { Figures, SiteFiguresRequest } from './rpc/membership/stats';
import type {
  Contribution,
  ContributionPage,
  CreateContributionRequest,
  DecideContributionRequest,
  GetContributionRequest,
  ListContributionsRequest,
} from './rpc/remuneration/contributions';
import type {
  AnswerObjectionRequest,
  CreateObjectionRequest,
  CreatePeriodRequest,
  GetPeriodRequest,
  GiveRecognitionRequest,
  GivenRecognition,
  ListObjectionsRequest,
  ListPeriodsRequest,
  ListRecognitionsRequest,
  Objection,
  ObjectionList,
  PayEstimateView,
  PeriodActionRequest,
  PeriodExport,
  PeriodPage,
  PeriodView,
  RecognitionRound,
  SimulatePayRequest,
} from './rpc/remuneration/periods';
// networking: equipment, launches
import type {
  CreateEquipmentRequest,
  Equipment,
  EquipmentPage,
  EquipmentReservation,
  EquipmentReservationPage,
  GetEquipmentRequest,
  ListEquipmentRequest,
  ListReservationsRequest,
  ReservationActionRequest,
  ReserveEquipmentRequest,
  UpdateEquipmentRequest,
  WithdrawEquipmentRequest,
} from './rpc/networking/equipment';
import type {
  AccompanimentSession,
  AccompanimentSessionList,
  CompleteLaunchStepRequest,
  ConfirmAccompanimentRequest,
  Launch,
  LaunchList,
  ListAccompanimentsRequest,
  ListLaunchesRequest,
  LogAccompanimentRequest,
  NameMentorRequest,
} from './rpc/networking/launches';
import type { GetRemunerationSettingsRequest, RemunerationSettings, UpdateRemunerationSettingsRequest } from './rpc/remuneration/settings';
// networking: directory & map, stats, skill pools
import type {
  GetNetworkProfileRequest,
  GetNetworkSiteRequest,
  ListNetworkSitesRequest,
  NetworkGeoJson,
  NetworkGeoJsonRequest,
  NetworkSiteDetail,
  NetworkSitePage,
  NetworkStats,
  NetworkStatsRequest,
  SetNetworkProfileRequest,
} from './rpc/networking/directory';
import type {
  CreatePoolPersonRequest,
  GetMemberNetworkProfileRequest,
  ListPoolPeopleRequest,
  MemberNetworkProfile,
  PoolPeopleList,
  PoolPerson,
  RemovePoolPersonRequest,
  SearchSkillsRequest,
  SetMemberNetworkProfileRequest,
  SkillSearchResult,
  UpdatePoolPersonRequest,
} from './rpc/networking/skills';

/** Types only: never read at run time, like `EventDefinition`'s `_data`. */
// networking: help requests, reciprocity
import type {
  CancelHelpRequestRequest,
  ConfirmHelpRequest,
  CreateHelpRequestRequest,
  DecideHelpOfferRequest,
  GetHelpRequestRequest,
  HelpRequest,
  HelpRequestPage,
  ListHelpRequestsRequest,
  MakeHelpOfferRequest,
  RecordHelpDoneRequest,
} from './rpc/networking/help-requests';
import type {
  CreateTemplateRequest,
  DecideManualEntryRequest,
  ListTemplatesRequest,
  ManualEntry,
  ProposeManualEntryRequest,
  ReciprocityBoard,
  ReciprocityBoardRequest,
  ReciprocityMovement,
  ReciprocitySettings,
  ReciprocityStatement,
  ReciprocityStatementRequest,
  ReciprocityTemplate,
  ReverseMovementRequest,
  SiteReciprocity,
  SiteReciprocityRequest,
  TemplateList,
  UpdateReciprocitySettingsRequest,
  UpdateTemplateRequest,
} from './rpc/networking/reciprocity';
// worker: reports
import type { ActivityFiguresRequest, CommerceActivityFigures } from './rpc/commerce/activity-figures';
import type { EReportingFigures, EReportingFile, EReportingRequest } from './rpc/commerce/e-reporting';
import type { RemunerationActivityFigures, RemunerationActivityFiguresRequest } from './rpc/remuneration/activity-figures';
import type { GetReportRequest, ReportFile, ReportFileRequest, ReportView, RequestReport } from './rpc/worker/reports';

export interface RpcTypes<TRequest, TResponse> {
  readonly _request?: TRequest;
  readonly _response?: TResponse;
}

function rpc<TRequest, TResponse>(): RpcTypes<TRequest, TResponse> {
  return {};
}

type HealthSubject = ReturnType<typeof RPC.health<ServiceName>>;

/** Every service answers its readiness on its own subject, with the same types. */
function healthSubjects(): Record<HealthSubject, RpcTypes<HealthRequest, ReadinessReport>> {
  return Object.fromEntries(SERVICES.map((service) => [RPC.health(service), rpc<HealthRequest, ReadinessReport>()])) as Record<
    HealthSubject,
    RpcTypes<HealthRequest, ReadinessReport>
  >;
}

/** Subject → its request and response types, in the order of `RPC`. */
export const RPC_TYPES = {
  // membership
  [RPC.membership.hostStructureCreate]: rpc<CreateHostStructureRequest, HostStructure>(),
  [RPC.membership.hostStructureList]: rpc<ListHostStructuresRequest, HostStructurePage>(),
  [RPC.membership.hostStructureGet]: rpc<GetHostStructureRequest, HostStructure>(),
  [RPC.membership.hostStructureUpdate]: rpc<UpdateHostStructureRequest, HostStructure>(),
  [RPC.membership.siteCreate]: rpc<CreateSiteRequest, Site>(),
  [RPC.membership.siteList]: rpc<ListSitesRequest, SitePage>(),
  [RPC.membership.siteGet]: rpc<GetSiteRequest, Site>(),
  [RPC.membership.siteUpdate]: rpc<UpdateSiteRequest, Site>(),
  [RPC.membership.memberCreate]: rpc<CreateMemberRequest, MemberFile>(),
  [RPC.membership.memberList]: rpc<ListMembersRequest, MemberPage>(),
  [RPC.membership.memberGet]: rpc<GetMemberRequest, MemberAsSeen>(),
  [RPC.membership.memberUpdate]: rpc<UpdateMemberRequest, MemberFile>(),
  [RPC.membership.memberLeave]: rpc<LeaveRequest, MemberFile>(),
  [RPC.membership.memberRejoin]: rpc<RejoinRequest, MemberFile>(),
  [RPC.membership.memberExport]: rpc<ExportMemberRequest, MemberExport>(),
  [RPC.membership.memberErase]: rpc<EraseMemberRequest, MemberErasure>(),
  [RPC.membership.memberImport]: rpc<ImportMembersRequest, MemberImportReport>(),
  [RPC.membership.capeSign]: rpc<SignCapeContractRequest, CapeContract>(),
  [RPC.membership.capeRenew]: rpc<RenewCapeContractRequest, CapeContract>(),
  [RPC.membership.capeTerminate]: rpc<TerminateCapeContractRequest, CapeContract>(),
  [RPC.membership.capeList]: rpc<ListCapeContractsRequest, CapeContractPage>(),
  [RPC.membership.journeyGet]: rpc<GetJourneyRequest, Journey>(),
  [RPC.membership.journeySet]: rpc<SetJourneyRequest, Journey>(),
  [RPC.membership.statsFigures]: rpc<SiteFiguresRequest, Figures>(),
  [RPC.membership.interviewSchedule]: rpc<ScheduleInterviewRequest, Interview>(),
  [RPC.membership.interviewList]: rpc<ListInterviewsRequest, InterviewPage>(),
  [RPC.membership.interviewUpdate]: rpc<UpdateInterviewRequest, Interview>(),
  [RPC.membership.followUpBoard]: rpc<FollowUpRequest, FollowUpBoard>(),
  // commerce
  [RPC.commerce.clientCreate]: rpc<CreateClientRequest, Client>(),
  [RPC.commerce.clientList]: rpc<ListClientsRequest, ClientPage>(),
  [RPC.commerce.clientGet]: rpc<GetClientRequest, Client>(),
  [RPC.commerce.clientUpdate]: rpc<UpdateClientRequest, Client>(),
  [RPC.commerce.catalogueItemCreate]: rpc<CreateCatalogueItemRequest, CatalogueItem>(),
  [RPC.commerce.catalogueItemList]: rpc<ListCatalogueItemsRequest, CatalogueItemPage>(),
  [RPC.commerce.catalogueItemGet]: rpc<GetCatalogueItemRequest, CatalogueItem>(),
  [RPC.commerce.catalogueItemUpdate]: rpc<UpdateCatalogueItemRequest, CatalogueItem>(),
  [RPC.commerce.quoteCreate]: rpc<CreateQuoteRequest, Quote>(),
  [RPC.commerce.quoteList]: rpc<ListQuotesRequest, QuotePage>(),
  [RPC.commerce.quoteGet]: rpc<GetQuoteRequest, Quote>(),
  [RPC.commerce.quoteUpdate]: rpc<UpdateQuoteRequest, Quote>(),
  [RPC.commerce.quoteAct]: rpc<QuoteActionRequest, Quote>(),
  [RPC.commerce.documentPdf]: rpc<DocumentPdfRequest, DocumentPdf>(),
  [RPC.commerce.documentEInvoice]: rpc<EInvoiceFileRequest, EInvoiceFile>(),
  [RPC.commerce.documentReceiptedInvoice]: rpc<ReceiptedInvoiceRequest, DocumentPdf>(),
  [RPC.commerce.einvoiceTransmission]: rpc<GetTransmissionRequest, EInvoiceTransmission>(),
  [RPC.commerce.einvoiceTransmitDue]: rpc<Record<string, never>, TransmissionSweepOutcome>(),
  [RPC.commerce.expenseCreate]: rpc<CreateExpenseRequest, Expense>(),
  [RPC.commerce.expenseList]: rpc<ListExpensesRequest, ExpensePage>(),
  [RPC.commerce.expenseGet]: rpc<GetExpenseRequest, Expense>(),
  [RPC.commerce.expenseUpdate]: rpc<UpdateExpenseRequest, Expense>(),
  [RPC.commerce.expenseApprove]: rpc<ApproveExpenseRequest, Expense>(),
  [RPC.commerce.expenseReject]: rpc<RejectExpenseRequest, Expense>(),
  [RPC.commerce.expenseReimburse]: rpc<ReimburseExpenseRequest, Expense>(),
  [RPC.commerce.expenseAttachReceipt]: rpc<AttachReceiptRequest, Expense>(),
  [RPC.commerce.expenseGetReceipt]: rpc<GetReceiptRequest, ReceiptLocation>(),
  [RPC.commerce.hostLogoPut]: rpc<PutHostLogoRequest, HostLogo>(),
  [RPC.commerce.hostLogoGet]: rpc<GetHostLogoRequest, HostLogoFile>(),
  [RPC.commerce.hostLogoRemove]: rpc<RemoveHostLogoRequest, HostLogoRemoved>(),
  [RPC.commerce.invoiceCreate]: rpc<CreateInvoiceRequest, Invoice>(),
  [RPC.commerce.invoiceList]: rpc<ListInvoicesRequest, InvoicePage>(),
  [RPC.commerce.invoiceGet]: rpc<GetInvoiceRequest, Invoice>(),
  [RPC.commerce.invoiceUpdate]: rpc<UpdateInvoiceRequest, Invoice>(),
  [RPC.commerce.invoiceIssue]: rpc<IssueInvoiceRequest, Invoice>(),
  [RPC.commerce.creditNoteCreate]: rpc<CreateCreditNoteRequest, CreditNote>(),
  [RPC.commerce.creditNoteList]: rpc<ListCreditNotesRequest, CreditNotePage>(),
  [RPC.commerce.creditNoteGet]: rpc<GetCreditNoteRequest, CreditNote>(),
  [RPC.commerce.paymentRecord]: rpc<RecordPaymentRequest, PaymentRecorded>(),
  [RPC.commerce.paymentList]: rpc<ListPaymentsRequest, PaymentPage>(),
  [RPC.commerce.refundRecord]: rpc<RecordRefundRequest, RefundRecorded>(),
  [RPC.commerce.refundList]: rpc<ListRefundsRequest, RefundPage>(),
  [RPC.commerce.receivablesBoard]: rpc<ReceivablesBoardRequest, ReceivablesBoard>(),
  [RPC.commerce.missionCreate]: rpc<CreateMissionRequest, Mission>(),
  [RPC.commerce.missionList]: rpc<ListMissionsRequest, MissionPage>(),
  [RPC.commerce.missionGet]: rpc<GetMissionRequest, Mission>(),
  [RPC.commerce.missionUpdate]: rpc<UpdateMissionRequest, Mission>(),
  [RPC.commerce.missionSignUp]: rpc<MissionSignUpRequest, Mission>(),
  [RPC.commerce.missionWithdraw]: rpc<MissionWithdrawRequest, Mission>(),
  [RPC.commerce.missionConfirmTeam]: rpc<MissionConfirmTeamRequest, Mission>(),
  [RPC.commerce.missionComplete]: rpc<MissionCompleteRequest, Mission>(),
  [RPC.commerce.missionCancel]: rpc<MissionCancelRequest, Mission>(),
  // worker: reports (commerce's figures)
  [RPC.commerce.activityFigures]: rpc<ActivityFiguresRequest, CommerceActivityFigures>(),
  // gateway: e-reporting
  [RPC.commerce.eReportingFigures]: rpc<EReportingRequest, EReportingFigures>(),
  [RPC.commerce.eReportingCsv]: rpc<EReportingRequest, EReportingFile>(),
  // worker: quotes (the expiry sweep)
  [RPC.commerce.quoteExpireDue]: rpc<ExpireDueQuotesRequest, ExpiredQuotes>(),
  // remuneration
  [RPC.remuneration.contributionCreate]: rpc<CreateContributionRequest, Contribution>(),
  [RPC.remuneration.contributionList]: rpc<ListContributionsRequest, ContributionPage>(),
  [RPC.remuneration.contributionGet]: rpc<GetContributionRequest, Contribution>(),
  [RPC.remuneration.contributionValidate]: rpc<DecideContributionRequest, Contribution>(),
  [RPC.remuneration.contributionReject]: rpc<DecideContributionRequest, Contribution>(),
  [RPC.remuneration.settingsGet]: rpc<GetRemunerationSettingsRequest, RemunerationSettings>(),
  [RPC.remuneration.settingsUpdate]: rpc<UpdateRemunerationSettingsRequest, RemunerationSettings>(),
  [RPC.remuneration.periodList]: rpc<ListPeriodsRequest, PeriodPage>(),
  [RPC.remuneration.periodCreate]: rpc<CreatePeriodRequest, PeriodView>(),
  [RPC.remuneration.periodGet]: rpc<GetPeriodRequest, PeriodView>(),
  [RPC.remuneration.periodClose]: rpc<PeriodActionRequest, PeriodView>(),
  [RPC.remuneration.periodReopen]: rpc<PeriodActionRequest, PeriodView>(),
  [RPC.remuneration.periodApprove]: rpc<PeriodActionRequest, PeriodView>(),
  [RPC.remuneration.periodExport]: rpc<PeriodActionRequest, PeriodExport>(),
  [RPC.remuneration.periodMarkPaid]: rpc<PeriodActionRequest, PeriodView>(),
  [RPC.remuneration.objectionCreate]: rpc<CreateObjectionRequest, Objection>(),
  [RPC.remuneration.objectionList]: rpc<ListObjectionsRequest, ObjectionList>(),
  [RPC.remuneration.objectionAnswer]: rpc<AnswerObjectionRequest, Objection>(),
  [RPC.remuneration.recognitionGive]: rpc<GiveRecognitionRequest, GivenRecognition>(),
  [RPC.remuneration.recognitionList]: rpc<ListRecognitionsRequest, RecognitionRound>(),
  [RPC.remuneration.paySimulate]: rpc<SimulatePayRequest, PayEstimateView>(),
  // networking: help requests, reciprocity
  [RPC.networking.helpRequestCreate]: rpc<CreateHelpRequestRequest, HelpRequest>(),
  [RPC.networking.helpRequestList]: rpc<ListHelpRequestsRequest, HelpRequestPage>(),
  [RPC.networking.helpRequestGet]: rpc<GetHelpRequestRequest, HelpRequest>(),
  [RPC.networking.helpRequestCancel]: rpc<CancelHelpRequestRequest, HelpRequest>(),
  [RPC.networking.helpRequestDone]: rpc<RecordHelpDoneRequest, HelpRequest>(),
  [RPC.networking.helpRequestConfirm]: rpc<ConfirmHelpRequest, HelpRequest>(),
  [RPC.networking.helpOfferMake]: rpc<MakeHelpOfferRequest, HelpRequest>(),
  [RPC.networking.helpOfferAccept]: rpc<DecideHelpOfferRequest, HelpRequest>(),
  [RPC.networking.helpOfferDecline]: rpc<DecideHelpOfferRequest, HelpRequest>(),
  [RPC.networking.reciprocityBoard]: rpc<ReciprocityBoardRequest, ReciprocityBoard>(),
  [RPC.networking.reciprocitySite]: rpc<SiteReciprocityRequest, SiteReciprocity>(),
  [RPC.networking.reciprocityStatement]: rpc<ReciprocityStatementRequest, ReciprocityStatement>(),
  [RPC.networking.reciprocityReverse]: rpc<ReverseMovementRequest, ReciprocityMovement>(),
  [RPC.networking.reciprocitySettingsGet]: rpc<Record<string, never>, ReciprocitySettings>(),
  [RPC.networking.reciprocitySettingsUpdate]: rpc<UpdateReciprocitySettingsRequest, ReciprocitySettings>(),
  [RPC.networking.reciprocityTemplateList]: rpc<ListTemplatesRequest, TemplateList>(),
  [RPC.networking.reciprocityTemplateCreate]: rpc<CreateTemplateRequest, ReciprocityTemplate>(),
  [RPC.networking.reciprocityTemplateUpdate]: rpc<UpdateTemplateRequest, ReciprocityTemplate>(),
  [RPC.networking.reciprocityEntryPropose]: rpc<ProposeManualEntryRequest, ManualEntry>(),
  [RPC.networking.reciprocityEntryConfirm]: rpc<DecideManualEntryRequest, ManualEntry>(),
  [RPC.networking.reciprocityEntryReject]: rpc<DecideManualEntryRequest, ManualEntry>(),
  // networking: directory & map, stats, skill pools
  [RPC.networking.directoryList]: rpc<ListNetworkSitesRequest, NetworkSitePage>(),
  [RPC.networking.directoryGet]: rpc<GetNetworkSiteRequest, NetworkSiteDetail>(),
  [RPC.networking.directoryGeoJson]: rpc<NetworkGeoJsonRequest, NetworkGeoJson>(),
  [RPC.networking.siteProfileGet]: rpc<GetNetworkProfileRequest, NetworkSiteDetail>(),
  [RPC.networking.siteProfileSet]: rpc<SetNetworkProfileRequest, NetworkSiteDetail>(),
  [RPC.networking.statsGet]: rpc<NetworkStatsRequest, NetworkStats>(),
  [RPC.networking.memberProfileGet]: rpc<GetMemberNetworkProfileRequest, MemberNetworkProfile>(),
  [RPC.networking.memberProfileSet]: rpc<SetMemberNetworkProfileRequest, MemberNetworkProfile>(),
  [RPC.networking.poolPersonList]: rpc<ListPoolPeopleRequest, PoolPeopleList>(),
  [RPC.networking.poolPersonCreate]: rpc<CreatePoolPersonRequest, PoolPerson>(),
  [RPC.networking.poolPersonUpdate]: rpc<UpdatePoolPersonRequest, PoolPerson>(),
  [RPC.networking.poolPersonRemove]: rpc<RemovePoolPersonRequest, PoolPeopleList>(),
  [RPC.networking.skillSearch]: rpc<SearchSkillsRequest, SkillSearchResult>(),
  // networking: equipment, launches
  [RPC.networking.equipmentCreate]: rpc<CreateEquipmentRequest, Equipment>(),
  [RPC.networking.equipmentUpdate]: rpc<UpdateEquipmentRequest, Equipment>(),
  [RPC.networking.equipmentWithdraw]: rpc<WithdrawEquipmentRequest, Equipment>(),
  [RPC.networking.equipmentGet]: rpc<GetEquipmentRequest, Equipment>(),
  [RPC.networking.equipmentList]: rpc<ListEquipmentRequest, EquipmentPage>(),
  [RPC.networking.reservationCreate]: rpc<ReserveEquipmentRequest, EquipmentReservation>(),
  [RPC.networking.reservationAct]: rpc<ReservationActionRequest, EquipmentReservation>(),
  [RPC.networking.reservationList]: rpc<ListReservationsRequest, EquipmentReservationPage>(),
  [RPC.networking.launchList]: rpc<ListLaunchesRequest, LaunchList>(),
  [RPC.networking.launchCompleteStep]: rpc<CompleteLaunchStepRequest, Launch>(),
  [RPC.networking.launchNameMentor]: rpc<NameMentorRequest, Launch>(),
  [RPC.networking.accompanimentLog]: rpc<LogAccompanimentRequest, AccompanimentSession>(),
  [RPC.networking.accompanimentConfirm]: rpc<ConfirmAccompanimentRequest, AccompanimentSession>(),
  [RPC.networking.accompanimentList]: rpc<ListAccompanimentsRequest, AccompanimentSessionList>(),
  // worker: dunning
  [RPC.worker.dunningPolicyGet]: rpc<GetDunningPolicyRequest, DunningPolicyView>(),
  [RPC.worker.dunningPolicySet]: rpc<SetDunningPolicyRequest, DunningPolicyView>(),
  [RPC.worker.dunningPause]: rpc<PauseDunningRequest, CollectionLog>(),
  [RPC.worker.dunningResume]: rpc<ResumeDunningRequest, CollectionLog>(),
  [RPC.worker.collectionLogGet]: rpc<DunningInvoiceRequest, CollectionLog>(),
  [RPC.worker.collectionNoteAdd]: rpc<AddCollectionNoteRequest, CollectionLog>(),
  [RPC.worker.dunningStatuses]: rpc<DunningStatusesRequest, DunningStatuses>(),
  [RPC.worker.dunningDraftList]: rpc<ListDunningDraftsRequest, DunningDraftList>(),
  [RPC.worker.dunningDraftSend]: rpc<SendDunningDraftRequest, CollectionLog>(),
  [RPC.worker.dunningDraftLetter]: rpc<DunningInvoiceRequest, DunningDraftLetter>(),
  // worker: reports (remuneration's figures, the worker's reports)
  [RPC.remuneration.activityFigures]: rpc<RemunerationActivityFiguresRequest, RemunerationActivityFigures>(),
  [RPC.worker.reportRequest]: rpc<RequestReport, ReportView>(),
  [RPC.worker.reportGet]: rpc<GetReportRequest, ReportView>(),
  [RPC.worker.reportFile]: rpc<ReportFileRequest, ReportFile>(),
  // worker: mail
  [RPC.worker.mailListOfSite]: rpc<ListSiteMailRequest, OutgoingMailPage>(),
  // worker: notifications
  [RPC.worker.notificationList]: rpc<ListNotificationsRequest, NotificationPage>(),
  [RPC.worker.notificationRead]: rpc<ReadNotificationRequest, Notification>(),
  [RPC.worker.notificationReadAll]: rpc<ReadAllNotificationsRequest, { read: number }>(),
  [RPC.worker.notificationPreferencesGet]: rpc<GetNotificationPreferencesRequest, NotificationPreferences>(),
  [RPC.worker.notificationPreferencesSet]: rpc<SetNotificationPreferencesRequest, NotificationPreferences>(),
  ...healthSubjects(),
};

/** `{ 'rpc.commerce.invoice.create': { request: CreateInvoiceRequest; response: Invoice }; … }` */
export type RpcMap = {
  [S in keyof typeof RPC_TYPES]: (typeof RPC_TYPES)[S] extends RpcTypes<infer TRequest, infer TResponse> ? { request: TRequest; response: TResponse } : never;
};
export type RpcSubject = keyof RpcMap;
export type RpcRequest<S extends RpcSubject> = RpcMap[S]['request'];
export type RpcResponse<S extends RpcSubject> = RpcMap[S]['response'];
