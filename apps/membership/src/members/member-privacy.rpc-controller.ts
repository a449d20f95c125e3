import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EraseMemberRequest, ExportMemberRequest, ImportMembersRequest, MemberErasure, MemberExport, MemberImportReport, RPC } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { MemberImportService } from './member-import.service';
import { MemberPrivacyService } from './member-privacy.service';

@Controller()
export class MemberPrivacyRpcController {
  constructor(
    private readonly privacy: MemberPrivacyService,
    private readonly imports: MemberImportService,
  ) {}

  @RpcHandler(RPC.membership.memberExport)
  export(@Payload() request: ExportMemberRequest): Promise<MemberExport> {
    return this.privacy.export(request);
  }

  @RpcHandler(RPC.membership.memberErase)
  @IdempotentCommand()
  erase(@Payload() request: EraseMemberRequest): Promise<MemberErasure> {
    return this.privacy.erase(request);
  }

  @RpcHandler(RPC.membership.memberImport)
  @IdempotentCommand()
  import(@Payload() request: ImportMembersRequest): Promise<MemberImportReport> {
    return this.imports.import(request);
  }
}
