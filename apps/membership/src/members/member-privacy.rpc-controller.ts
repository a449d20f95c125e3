import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EraseMemberRequest, ExportMemberRequest, ImportMembersRequest, MemberErasure, MemberExport, MemberImportReport, RPC } from '@kpa/contracts';
import { MemberImportService } from './member-import.service';
import { MemberPrivacyService } from './member-privacy.service';

@Controller()
export class MemberPrivacyRpcController {
  constructor(
    private readonly privacy: MemberPrivacyService,
    private readonly imports: MemberImportService,
  ) {}

  @MessagePattern(RPC.membership.memberExport)
  export(@Payload() request: ExportMemberRequest): Promise<MemberExport> {
    return this.privacy.export(request);
  }

  @MessagePattern(RPC.membership.memberErase)
  erase(@Payload() request: EraseMemberRequest): Promise<MemberErasure> {
    return this.privacy.erase(request);
  }

  @MessagePattern(RPC.membership.memberImport)
  import(@Payload() request: ImportMembersRequest): Promise<MemberImportReport> {
    return this.imports.import(request);
  }
}
