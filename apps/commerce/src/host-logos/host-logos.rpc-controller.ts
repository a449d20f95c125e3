import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetHostLogoRequest, HostLogo, HostLogoFile, HostLogoRemoved, PutHostLogoRequest, RemoveHostLogoRequest, RPC } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { HostLogosService } from './host-logos.service';

@Controller()
export class HostLogosRpcController {
  constructor(private readonly logos: HostLogosService) {}

  @RpcHandler(RPC.commerce.hostLogoPut)
  put(@Payload() request: PutHostLogoRequest): Promise<HostLogo> {
    return this.logos.put(request);
  }

  @RpcHandler(RPC.commerce.hostLogoGet)
  get(@Payload() request: GetHostLogoRequest): Promise<HostLogoFile> {
    return this.logos.get(request);
  }

  @RpcHandler(RPC.commerce.hostLogoRemove)
  remove(@Payload() request: RemoveHostLogoRequest): Promise<HostLogoRemoved> {
    return this.logos.remove(request);
  }
}
