import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetRemunerationSettingsRequest, RemunerationSettings, RPC, UpdateRemunerationSettingsRequest } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { SettingsService } from './settings.service';

@Controller()
export class SettingsRpcController {
  constructor(private readonly settings: SettingsService) {}

  @RpcHandler(RPC.remuneration.settingsGet)
  get(@Payload() request: GetRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return this.settings.get(request);
  }

  @RpcHandler(RPC.remuneration.settingsUpdate)
  update(@Payload() request: UpdateRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return this.settings.update(request);
  }
}
