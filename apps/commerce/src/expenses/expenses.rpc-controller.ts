import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { ExpensesService } from './expenses.service';

@Controller()
export class ExpensesRpcController {
  constructor(private readonly expenses: ExpensesService) {}

  @RpcHandler(RPC.commerce.expenseCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateExpenseRequest): Promise<Expense> {
    return this.expenses.create(request);
  }

  @RpcHandler(RPC.commerce.expenseGet)
  get(@Payload() request: GetExpenseRequest): Promise<Expense> {
    return this.expenses.get(request);
  }

  @RpcHandler(RPC.commerce.expenseList)
  list(@Payload() request: ListExpensesRequest): Promise<ExpensePage> {
    return this.expenses.list(request);
  }

  @RpcHandler(RPC.commerce.expenseUpdate)
  update(@Payload() request: UpdateExpenseRequest): Promise<Expense> {
    return this.expenses.update(request);
  }

  @RpcHandler(RPC.commerce.expenseApprove)
  @IdempotentCommand()
  approve(@Payload() request: ApproveExpenseRequest): Promise<Expense> {
    return this.expenses.approve(request);
  }

  @RpcHandler(RPC.commerce.expenseReject)
  @IdempotentCommand()
  reject(@Payload() request: RejectExpenseRequest): Promise<Expense> {
    return this.expenses.reject(request);
  }

  @RpcHandler(RPC.commerce.expenseReimburse)
  @IdempotentCommand()
  reimburse(@Payload() request: ReimburseExpenseRequest): Promise<Expense> {
    return this.expenses.reimburse(request);
  }

  // Not @IdempotentCommand(): reached by a PUT (no Idempotency-Key), and its answer is built after
  // its unit of work, once the replaced receipt is deleted from the store. A retry is safe as it
  // is: the gateway stores the file again and the expense then points to that copy (the one it
  // replaces is deleted), the same end state.
  @RpcHandler(RPC.commerce.expenseAttachReceipt)
  attachReceipt(@Payload() request: AttachReceiptRequest): Promise<Expense> {
    return this.expenses.attachReceipt(request);
  }

  @RpcHandler(RPC.commerce.expenseGetReceipt)
  getReceipt(@Payload() request: GetReceiptRequest): Promise<ReceiptLocation> {
    return this.expenses.getReceipt(request);
  }
}
