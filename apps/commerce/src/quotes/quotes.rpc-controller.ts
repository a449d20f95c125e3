import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateQuoteRequest,
  ExpiredQuotes,
  ExpireDueQuotesRequest,
  GetQuoteRequest,
  ListQuotesRequest,
  Quote,
  QuoteActionRequest,
  QuotePage,
  RPC,
  UpdateQuoteRequest,
} from '@kpa/contracts';
import { AcrossSites, IdempotentCommand, RpcHandler } from '@kpa/platform';
import { QuoteExpiryService } from './quote-expiry.service';
import { QuotesService } from './quotes.service';

@Controller()
export class QuotesRpcController {
  constructor(
    private readonly quotes: QuotesService,
    private readonly expiry: QuoteExpiryService,
  ) {}

  @RpcHandler(RPC.commerce.quoteCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateQuoteRequest): Promise<Quote> {
    return this.quotes.create(request);
  }

  @RpcHandler(RPC.commerce.quoteGet)
  get(@Payload() request: GetQuoteRequest): Promise<Quote> {
    return this.quotes.get(request);
  }

  @RpcHandler(RPC.commerce.quoteList)
  list(@Payload() request: ListQuotesRequest): Promise<QuotePage> {
    return this.quotes.list(request);
  }

  @RpcHandler(RPC.commerce.quoteUpdate)
  update(@Payload() request: UpdateQuoteRequest): Promise<Quote> {
    return this.quotes.update(request);
  }

  @RpcHandler(RPC.commerce.quoteAct)
  @IdempotentCommand()
  act(@Payload() request: QuoteActionRequest): Promise<Quote> {
    return this.quotes.act(request);
  }

  /**
   * The worker's daily sweep, regional by design (every site's quotes, row-level security set to all
   * sites). Not an idempotent command with a recorded answer: run again, it publishes nothing twice.
   */
  @RpcHandler(RPC.commerce.quoteExpireDue)
  @AcrossSites()
  expireDue(@Payload() request: ExpireDueQuotesRequest): Promise<ExpiredQuotes> {
    return this.expiry.expireDue(request);
  }
}
