import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ApproveExpenseRequest,
  AttachReceiptRequest,
  CreateExpenseRequest,
  Expense,
  ExpensePage,
  GetExpenseRequest,
  GetReceiptRequest,
  ListExpensesRequest,
  ReceiptLocation,
  RejectExpenseRequest,
  ReimburseExpenseRequest,
  RPC,
  UpdateExpenseRequest,
} from '@kpa/contracts';
import { ExpensesService } from './expenses.service';

@Controller()
export class ExpensesRpcController {
  constructor(private readonly expenses: ExpensesService) {}

  @MessagePattern(RPC.commerce.expenseCreate)
  create(@Payload() request: CreateExpenseRequest): Promise<Expense> {
    return this.expenses.create(request);
  }

  @MessagePattern(RPC.commerce.expenseGet)
  get(@Payload() request: GetExpenseRequest): Promise<Expense> {
    return this.expenses.get(request);
  }

  @MessagePattern(RPC.commerce.expenseList)
  list(@Payload() request: ListExpensesRequest): Promise<ExpensePage> {
    return this.expenses.list(request);
  }

  @MessagePattern(RPC.commerce.expenseUpdate)
  update(@Payload() request: UpdateExpenseRequest): Promise<Expense> {
    return this.expenses.update(request);
  }

  @MessagePattern(RPC.commerce.expenseApprove)
  approve(@Payload() request: ApproveExpenseRequest): Promise<Expense> {
    return this.expenses.approve(request);
  }

  @MessagePattern(RPC.commerce.expenseReject)
  reject(@Payload() request: RejectExpenseRequest): Promise<Expense> {
    return this.expenses.reject(request);
  }

  @MessagePattern(RPC.commerce.expenseReimburse)
  reimburse(@Payload() request: ReimburseExpenseRequest): Promise<Expense> {
    return this.expenses.reimburse(request);
  }

  @MessagePattern(RPC.commerce.expenseAttachReceipt)
  attachReceipt(@Payload() request: AttachReceiptRequest): Promise<Expense> {
    return this.expenses.attachReceipt(request);
  }

  @MessagePattern(RPC.commerce.expenseGetReceipt)
  getReceipt(@Payload() request: GetReceiptRequest): Promise<ReceiptLocation> {
    return this.expenses.getReceipt(request);
  }
}
