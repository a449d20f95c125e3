import { SetMetadata } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RpcRequest, RpcResponse, RpcSubject } from '@kpa/contracts';

/** Metadata key set on every handler declared with `@RpcHandler`: a test finds handlers that bypass it. */
export const RPC_HANDLER_SUBJECT = 'kpa:rpc-handler-subject';

/** What a handler of the subject may be: it takes the subject's request and answers its response. */
export type RpcHandlerMethod<S extends RpcSubject> = (request: RpcRequest<S>, ...rest: never[]) => Promise<RpcResponse<S>> | RpcResponse<S>;

/**
 * `@MessagePattern(subject)` tied to the contracts' `RpcMap`: a method whose request or response
 * type differs from the subject's does not compile. Services declare their handlers with it only.
 */
export function RpcHandler<S extends RpcSubject>(subject: S) {
  return <T extends RpcHandlerMethod<S>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    MessagePattern(subject)(target, key, descriptor);
    SetMetadata(RPC_HANDLER_SUBJECT, subject)(target, key, descriptor);
  };
}
