import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { CommerceConfig } from './commerce.config';
import { SellerDirectorySubscription } from './sellers/seller-directory.subscription';
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

export const COMMERCE_DATABASE: DatabaseModuleOptions = { schema: 'commerce', entities: [ClientEntity, CatalogueItemEntity, QuoteEntity], migrations: [Init1764000000000, ClientsCatalogue1764800000000, DocumentCounters1764900000000, Quotes1765000000000, KnownMembers1765100000000] };

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
      controllers: [ClientsRpcController, CatalogueRpcController, QuotesRpcController],
      providers: [ClientsService, CatalogueService, QuotesService],
    };
  }
}
