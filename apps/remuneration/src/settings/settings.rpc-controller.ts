import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetRemunerationSettingsRequest, RemunerationSettings, RPC, UpdateRemunerationSettingsRequest } from '@kpa/contracts';
import { SettingsService } from './settings.service';

@Controller()
export class SettingsRpcController {
  constructor(private readonly settings: SettingsService) {}

  @MessagePattern(RPC.remuneration.settingsGet)
  get(@Payload() request: GetRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return this.settings.get(request);
  }

  @MessagePattern(RPC.remuneration.settingsUpdate)
  update(@Payload() request: UpdateRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return this.settings.update(request);
  }
}
