import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, ObjectStores, PlatformModule } from '@kpa/platform';
import { CommerceConfig } from './commerce.config';
import { SellerDirectorySubscription } from './sellers/seller-directory.subscription';
import { SellerRepository } from './sellers/seller.repository';
import { KnownMemberRepository } from './members/known-member.repository';
import { ClientRepository } from './clients/client.repository';
import { CatalogueItemRepository } from './catalogue/catalogue-item.repository';
import { QuoteRepository } from './quotes/quote.repository';
import { MissionRepository } from './missions/mission.repository';
import { InvoiceRepository } from './invoices/invoice.repository';
import { CreditNoteRepository } from './invoices/credit-note.repository';
import { PaymentRepository } from './invoices/payment.repository';
import { ReceivablesRepository } from './invoices/receivables.repository';
import { ExpenseRepository } from './expenses/expense.repository';
import { DocumentFileRepository } from './documents/pdf/document-file.repository';
import { InvoiceDrafts } from './invoices/invoice-drafts';
import { InvoicePrintables } from './invoices/invoice-printable';
import { QuotePrintables } from './quotes/quote-printable';
import { Init1764000000000 } from './migrations/1764000000000-init';
import { DocumentCounters1764900000000 } from './migrations/1764900000000-document-counters';
import { ClientsCatalogue1764800000000 } from './migrations/1764800000000-clients-catalogue';
import { ClientEntity } from './clients/client.entity';
import { ClientsService } from './clients/clients.service';
import { ClientsRpcController } from './clients/clients.rpc-controller';
import { CatalogueItemEntity } from './catalogue/catalogue-item.entity';
import { CatalogueService } from './catalogue/catalogue.service';
import { CatalogueRpcController } from './catalogue/catalogue.rpc-controller';
import { Quotes1765000000000 } from './migrations/1765000000000-quotes';
import { QuoteEntity } from './quotes/quote.entity';
import { QuotesService } from './quotes/quotes.service';
import { QuotesRpcController } from './quotes/quotes.rpc-controller';
import { KnownMembers1765100000000 } from './migrations/1765100000000-known-members';
import { MemberDirectorySubscription } from './members/member-directory.subscription';
import { Invoices1765300000000 } from './migrations/1765300000000-invoices';
import { InvoiceEntity } from './invoices/invoice.entity';
import { CreditNoteEntity } from './invoices/credit-note.entity';
import { PaymentEntity } from './invoices/payment.entity';
import { InvoicesService } from './invoices/invoices.service';
import { CreditNotesService } from './invoices/credit-notes.service';
import { PaymentsService } from './invoices/payments.service';
import { ReceivablesService } from './invoices/receivables.service';
import { InvoicesRpcController } from './invoices/invoices.rpc-controller';
import { DocumentFiles1765400000000 } from './migrations/1765400000000-document-files';
import { DocumentsPdfService } from './documents/pdf/documents-pdf.service';
import { DocumentsPdfRpcController } from './documents/pdf/documents-pdf.rpc-controller';
// e-invoicing (issue 15): Factur-X and CII files
import { EInvoiceFiles1768300000000 } from './migrations/1768300000000-e-invoice-files';
import { EInvoiceFilesService } from './e-invoicing/e-invoice-files.service';
import { EInvoiceFilesRpcController } from './e-invoicing/e-invoice-files.rpc-controller';
// e-invoicing (issue 15): transmission to the host structure's PA
import { EInvoiceTransmissions1768700000000 } from './migrations/1768700000000-e-invoice-transmissions';
import { PA_ADAPTER } from './e-invoicing/transmission/pa-adapter';
import { paAdapterOf } from './e-invoicing/transmission/pa-adapters';
import { TransmissionQueue } from './e-invoicing/transmission/transmission-queue';
import { TransmissionRepository } from './e-invoicing/transmission/transmission.repository';
import { TransmissionsRpcController } from './e-invoicing/transmission/transmissions.rpc-controller';
import { TransmissionsService } from './e-invoicing/transmission/transmissions.service';
import { Missions1765200000000 } from './migrations/1765200000000-missions';
import { MissionEntity, MissionParticipantEntity, MissionSignUpEntity } from './missions/mission.entity';
import { MissionsService } from './missions/missions.service';
import { MissionsRpcController } from './missions/missions.rpc-controller';

import { Expenses1765500000000 } from './migrations/1765500000000-expenses';
import { ExpenseEntity } from './expenses/expense.entity';
import { ExpensesService } from './expenses/expenses.service';
import { ExpensesRpcController } from './expenses/expenses.rpc-controller';

import { QuoteFollowUps1765800000000 } from './migrations/1765800000000-quote-follow-ups';
import { Idempotency1766000000000 } from './migrations/1766000000000-idempotency';
import { QuoteCapeHolder1765900000000 } from './migrations/1765900000000-quote-cape-holder';
import { ActivityFiguresRepository } from './activity/activity-figures.repository';
import { ActivityFiguresRpcController } from './activity/activity-figures.rpc-controller';
import { ActivityFiguresService } from './activity/activity-figures.service';
import { EReportingRepository } from './e-reporting/e-reporting.repository';
import { EReportingRpcController } from './e-reporting/e-reporting.rpc-controller';
import { EReportingService } from './e-reporting/e-reporting.service';
import { RowSecurity1767000000000 } from './migrations/1767000000000-row-security';
// worker: quotes (the expiry sweep)
import { QuoteExpiry1767200000000 } from './migrations/1767200000000-quote-expiry';
import { Refunds1768400000000 } from './migrations/1768400000000-refunds';
import { RefundEntity } from './invoices/refund.entity';
import { RefundRepository } from './invoices/refund.repository';
import { LineNature1768600000000 } from './migrations/1768600000000-line-nature';
// the host's logo on its documents, the issuing site's address (issue 15)
import { HostLogoSiteAddress1768710000000 } from './migrations/1768710000000-host-logo-site-address';
import { HostLogoRepository } from './host-logos/host-logo.repository';
import { HostLogosService } from './host-logos/host-logos.service';
import { HostLogosRpcController } from './host-logos/host-logos.rpc-controller';
import { ReceiptedCopyAndQuoteTerms1768720000000 } from './migrations/1768720000000-receipted-copy-and-quote-terms';
import { QuoteExpiryService } from './quotes/quote-expiry.service';

export const COMMERCE_DATABASE: DatabaseModuleOptions = {
  schema: 'commerce',
  entities: [
    ClientEntity,
    CatalogueItemEntity,
    QuoteEntity,
    InvoiceEntity,
    CreditNoteEntity,
    PaymentEntity,
    RefundEntity,
    MissionEntity,
    MissionSignUpEntity,
    MissionParticipantEntity,
    ExpenseEntity,
  ],
  migrations: [
    Init1764000000000,
    ClientsCatalogue1764800000000,
    DocumentCounters1764900000000,
    Quotes1765000000000,
    KnownMembers1765100000000,
    Missions1765200000000,
    Invoices1765300000000,
    DocumentFiles1765400000000,
    Expenses1765500000000,
    QuoteFollowUps1765800000000,
    QuoteCapeHolder1765900000000,
    Idempotency1766000000000,
    RowSecurity1767000000000,
    // worker: quotes (the expiry sweep)
    QuoteExpiry1767200000000,
    // issue 15: credit notes on a paid part, refunds
    Refunds1768400000000,
    // e-invoicing (issue 15)
    EInvoiceFiles1768300000000,
    // issue 15: goods or service per line, the supply date at issue
    LineNature1768600000000,
    // e-invoicing (issue 15): transmission to the host structure's PA
    EInvoiceTransmissions1768700000000,
    // issue 15: the host's logo, the issuing site's address
    HostLogoSiteAddress1768710000000,
    // issue 15: the receipted copy of a paid invoice; a quote's deposit and delivery address
    ReceiptedCopyAndQuoteTerms1768720000000,
  ],
};

@Module({})
export class CommerceModule {
  static register(config: CommerceConfig, logger: Logger): DynamicModule {
    return {
      module: CommerceModule,
      imports: [
        PlatformModule.forService({
          service: 'commerce',
          config,
          logger,
          database: COMMERCE_DATABASE,
          subscriptions: [SellerDirectorySubscription, MemberDirectorySubscription],
        }),
      ],
      controllers: [
        ClientsRpcController,
        CatalogueRpcController,
        QuotesRpcController,
        InvoicesRpcController,
        DocumentsPdfRpcController,
        EInvoiceFilesRpcController,
        TransmissionsRpcController,
        MissionsRpcController,
        ExpensesRpcController,
        HostLogosRpcController,
        // worker: reports
        ActivityFiguresRpcController,
        EReportingRpcController,
      ],
      providers: [
        SellerRepository,
        KnownMemberRepository,
        ClientRepository,
        CatalogueItemRepository,
        QuoteRepository,
        MissionRepository,
        InvoiceRepository,
        CreditNoteRepository,
        PaymentRepository,
        ReceivablesRepository,
        ActivityFiguresRepository,
        ActivityFiguresService,
        EReportingRepository,
        EReportingService,
        ExpenseRepository,
        HostLogoRepository,
        DocumentFileRepository,
        InvoiceDrafts,
        InvoicePrintables,
        QuotePrintables,
        ClientsService,
        CatalogueService,
        QuotesService,
        InvoicesService,
        CreditNotesService,
        PaymentsService,
        RefundRepository,
        ReceivablesService,
        DocumentsPdfService,
        EInvoiceFilesService,
        TransmissionRepository,
        TransmissionQueue,
        TransmissionsService,
        { provide: PA_ADAPTER, useValue: paAdapterOf(config) },
        MissionsService,
        ExpensesService,
        HostLogosService,
        ObjectStores,
        // worker: quotes (the expiry sweep)
        QuoteExpiryService,
      ],
    };
  }
}
