import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateQuoteRequest, GetQuoteRequest, ListQuotesRequest, Quote, QuoteActionRequest, QuotePage, RPC, UpdateQuoteRequest } from '@kpa/contracts';
import { QuotesService } from './quotes.service';

@Controller()
export class QuotesRpcController {
  constructor(private readonly quotes: QuotesService) {}

  @MessagePattern(RPC.commerce.quoteCreate)
  create(@Payload() request: CreateQuoteRequest): Promise<Quote> {
    return this.quotes.create(request);
  }

  @MessagePattern(RPC.commerce.quoteGet)
  get(@Payload() request: GetQuoteRequest): Promise<Quote> {
    return this.quotes.get(request);
  }

  @MessagePattern(RPC.commerce.quoteList)
  list(@Payload() request: ListQuotesRequest): Promise<QuotePage> {
    return this.quotes.list(request);
  }

  @MessagePattern(RPC.commerce.quoteUpdate)
  update(@Payload() request: UpdateQuoteRequest): Promise<Quote> {
    return this.quotes.update(request);
  }

  @MessagePattern(RPC.commerce.quoteAct)
  act(@Payload() request: QuoteActionRequest): Promise<Quote> {
    return this.quotes.act(request);
  }
}
