import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import Redis from 'ioredis';
import { assertEveryQueueProcessed, QUEUES, QueueName } from '@kpa/contracts';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { WorkerConfig } from './worker.config';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { Worker1768000000000 } from './migrations/1768000000000-worker';
import { QUEUE_REGISTRY } from './jobs/queue-registry';
import { OutgoingMail } from './mail/outgoing-mail';
import { OutgoingMailRepository } from './mail/outgoing-mail.repository';
import { MailProcessor } from './mail/mail.processor';
import { MailSender } from './mail/mail-sender';
import { SiteNames } from './mail/site-names';
import { MailRpcController } from './mail/mail.rpc-controller';
// worker: dunning
import { Dunning1768100000000 } from './migrations/1768100000000-dunning';
import { DunningProcessor } from './dunning/dunning.processor';
import { DunningRepository } from './dunning/dunning.repository';
import { DunningService } from './dunning/dunning.service';
import { DunningRpcController } from './dunning/dunning.rpc-controller';
import { DunningInvoicesSubscription } from './dunning/dunning-invoices.subscription';
import { WorkerClock } from './dunning/worker-clock';
// worker: reports
import { Reports1768200000000 } from './migrations/1768200000000-reports';
import { ReportRepository } from './reports/report.repository';
import { REPORT_SOURCES, RpcReportSources } from './reports/report-sources';
import { ReportsProcessor } from './reports/reports.processor';
import { ReportsRpcController } from './reports/reports.rpc-controller';
import { ReportsService } from './reports/reports.service';
// worker: notifications
import { Notifications1768300000000 } from './migrations/1768300000000-notifications';
import { Notifications } from './notifications/notifications';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsRpcController } from './notifications/notifications.rpc-controller';
import { RecipientsSubscription } from './notifications/recipients.subscription';
import { MemberNoticesCommerceSubscription } from './notifications/member-notices-commerce.subscription';
import { MemberNoticesRemunerationSubscription } from './notifications/member-notices-remuneration.subscription';
// worker: quotes
import { QuotesProcessor } from './quotes/quotes.processor';
// worker: e-invoicing
import { EInvoicingProcessor } from './e-invoicing/e-invoicing.processor';
// worker: digest
import { Digest1768500000000 } from './migrations/1768500000000-digest';
import { DIGEST_SOURCES, RpcDigestSources } from './digest/digest-sources';
import { DigestProcessor } from './digest/digest.processor';
import { DigestRepository } from './digest/digest.repository';
import { DigestService } from './digest/digest.service';

/** The worker's own schema (docs/worker.md): its role is kpa_worker, held to row-level security. */
export const WORKER_DATABASE: DatabaseModuleOptions = {
  schema: 'worker',
  entities: [],
  migrations: [
    // worker: foundation and mail
    Worker1768000000000,
    // worker: dunning
    Dunning1768100000000,
    // worker: reports
    Reports1768200000000,
    // worker: notifications
    Notifications1768300000000,
    // worker: digest
    Digest1768500000000,
  ],
};

/** Every processor, one per queue of QUEUES (checked at start-up). */
const PROCESSORS: (Type<unknown> & { queue: QueueName })[] = [
  // worker: maintenance
  MaintenanceProcessor,
  // worker: mail
  MailProcessor,
  // worker: dunning
  DunningProcessor,
  // worker: reports
  ReportsProcessor,
  // worker: quotes
  QuotesProcessor,
  // worker: digest
  DigestProcessor,
  // worker: e-invoicing
  EInvoicingProcessor,
];

const REPOSITORIES = [
  // worker: mail
  OutgoingMailRepository,
  // worker: dunning
  DunningRepository,
  // worker: reports
  ReportRepository,
  // worker: notifications
  NotificationsRepository,
  // worker: digest
  DigestRepository,
];

/**
 * The worker's repositories and shared services, global so that the event subscriptions (built by the
 * platform module, in its own scope) and every feature get the same ones.
 */
@Global()
@Module({ providers: [...REPOSITORIES, OutgoingMail, Notifications], exports: [...REPOSITORIES, OutgoingMail, Notifications] })
export class WorkerSharedModule {}

@Module({})
export class WorkerModule {
  static register(config: WorkerConfig, logger: Logger): DynamicModule {
    assertEveryQueueProcessed(PROCESSORS.map((processor) => processor.queue));
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forService({
          service: 'worker',
          config,
          logger,
          redis: true,
          database: WORKER_DATABASE,
          // worker: dunning (client, invoice and its PDF, site's name at send time), reports (the figures of membership, commerce and remuneration)
          // and digest (follow-up board, members, CAPE contracts, contributions, objections; networking's help requests)
          calls: ['membership', 'commerce', 'remuneration', 'networking'],
          subscriptions: [DunningInvoicesSubscription, RecipientsSubscription, MemberNoticesCommerceSubscription, MemberNoticesRemunerationSubscription],
        }),
        WorkerSharedModule,
        BullModule.forRoot({
          // BullMQ workers block on Redis: they need maxRetriesPerRequest null.
          connection: new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true }),
          prefix: `${config.KPA_NATS_NAMESPACE}:bull`,
        }),
        ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name })),
      ],
      controllers: [
        // worker: mail
        MailRpcController,
        // worker: dunning
        DunningRpcController,
        // worker: reports
        ReportsRpcController,
        // worker: notifications
        NotificationsRpcController,
      ],
      providers: [
        ...PROCESSORS,
        QUEUE_REGISTRY,
        // worker: mail
        MailSender,
        SiteNames,
        // worker: dunning
        WorkerClock,
        DunningService,
        // worker: reports
        ReportsService,
        { provide: REPORT_SOURCES, useClass: RpcReportSources },
        // worker: digest
        DigestService,
        { provide: DIGEST_SOURCES, useClass: RpcDigestSources },
      ],
    };
  }
}
