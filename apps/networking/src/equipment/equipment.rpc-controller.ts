import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateEquipmentRequest,
  Equipment,
  EquipmentPage,
  EquipmentReservation,
  EquipmentReservationPage,
  GetEquipmentRequest,
  ListEquipmentRequest,
  ListReservationsRequest,
  ReservationActionRequest,
  ReserveEquipmentRequest,
  RPC,
  UpdateEquipmentRequest,
  WithdrawEquipmentRequest,
} from '@kpa/contracts';
import { IdempotentCommand, RpcHandler } from '@kpa/platform';
import { EquipmentService } from './equipment.service';

@Controller()
export class EquipmentRpcController {
  constructor(private readonly equipment: EquipmentService) {}

  @RpcHandler(RPC.networking.equipmentCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateEquipmentRequest): Promise<Equipment> {
    return this.equipment.create(request);
  }

  @RpcHandler(RPC.networking.equipmentUpdate)
  update(@Payload() request: UpdateEquipmentRequest): Promise<Equipment> {
    return this.equipment.update(request);
  }

  @RpcHandler(RPC.networking.equipmentWithdraw)
  @IdempotentCommand()
  withdraw(@Payload() request: WithdrawEquipmentRequest): Promise<Equipment> {
    return this.equipment.withdraw(request);
  }

  @RpcHandler(RPC.networking.equipmentGet)
  get(@Payload() request: GetEquipmentRequest): Promise<Equipment> {
    return this.equipment.get(request);
  }

  @RpcHandler(RPC.networking.equipmentList)
  list(@Payload() request: ListEquipmentRequest): Promise<EquipmentPage> {
    return this.equipment.list(request);
  }

  @RpcHandler(RPC.networking.reservationCreate)
  @IdempotentCommand()
  reserve(@Payload() request: ReserveEquipmentRequest): Promise<EquipmentReservation> {
    return this.equipment.reserve(request);
  }

  @RpcHandler(RPC.networking.reservationAct)
  @IdempotentCommand()
  act(@Payload() request: ReservationActionRequest): Promise<EquipmentReservation> {
    return this.equipment.act(request);
  }

  @RpcHandler(RPC.networking.reservationList)
  listReservations(@Payload() request: ListReservationsRequest): Promise<EquipmentReservationPage> {
    return this.equipment.listReservations(request);
  }
}
