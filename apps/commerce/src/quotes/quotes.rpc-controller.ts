import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateQuoteRequest, GetQuoteRequest, ListQuotesRequest, Quote, QuoteActionRequest, QuotePage, RPC, UpdateQuoteRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { QuotesService } from './quotes.service';

@Controller()
export class QuotesRpcController {
  constructor(private readonly quotes: QuotesService) {}

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
}
