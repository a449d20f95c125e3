import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Equipment, EquipmentPage, EquipmentReservation, EquipmentReservationPage, ReservationAction, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  CreateEquipmentDto,
  EquipmentDto,
  EquipmentListQueryDto,
  EquipmentPageDto,
  EquipmentReservationDto,
  EquipmentReservationPageDto,
  ReservationConditionDto,
  ReservationListQueryDto,
  ReservationMessageDto,
  ReserveEquipmentDto,
  SiteEquipmentQueryDto,
  UpdateEquipmentDto,
} from './dto/equipment.dto';

/** "50.69,3.17" (checked by the DTO) → a point with its radius. */
function nearOf(query: EquipmentListQueryDto): { latitude: number; longitude: number; km: number } | undefined {
  if (query.near === undefined) return undefined;
  const [latitude, longitude] = query.near.split(',').map(Number);
  return { latitude, longitude, km: query.km ?? 30 };
}

/**
 * Shared equipment between sites. A site's coordinators list what it lends and answer the
 * reservations of it (the :siteId of those paths is the lending site); another site's coordinator
 * reserves under its own :siteId (the borrowing site). Every logged-in user of the region browses
 * the equipment on offer. A reservation belongs to its two sites only: for any other it does not exist.
 */
@ApiTags('network')
@ApiBearerAuth()
@Controller('v1')
export class EquipmentController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('sites/:siteId/equipment')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, EquipmentDto, 400, 401, 403, 404)
  create(@Param('siteId') siteId: string, @Body() body: CreateEquipmentDto, @CurrentPrincipal() principal: Principal): Promise<Equipment> {
    return this.rpc.call(RPC.networking.equipmentCreate, { siteId, actor: principal.userId, equipment: body });
  }

  /** The site's own equipment, withdrawn items included. */
  @Get('sites/:siteId/equipment')
  @SiteRoles('coordinator', 'member', 'accountant')
  @ApiErrors(200, EquipmentPageDto, 400, 401, 404)
  listOwn(@Param('siteId') siteId: string, @Query() query: SiteEquipmentQueryDto): Promise<EquipmentPage> {
    return this.rpc.call(RPC.networking.equipmentList, { cursor: query.cursor, limit: query.limit, siteId, includeWithdrawn: true });
  }

  @Patch('sites/:siteId/equipment/:equipmentId')
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentDto, 400, 401, 403, 404)
  update(
    @Param('siteId') siteId: string,
    @Param('equipmentId', new ParseUUIDPipe()) equipmentId: string,
    @Body() body: UpdateEquipmentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Equipment> {
    return this.rpc.call(RPC.networking.equipmentUpdate, { siteId, equipmentId, actor: principal.userId, changes: body });
  }

  /** No longer lent: off the network list; reservations already made stay until answered or cancelled. */
  @Post('sites/:siteId/equipment/:equipmentId/withdraw')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentDto, 400, 401, 403, 404)
  withdraw(@Param('siteId') siteId: string, @Param('equipmentId', new ParseUUIDPipe()) equipmentId: string, @CurrentPrincipal() principal: Principal): Promise<Equipment> {
    return this.rpc.call(RPC.networking.equipmentWithdraw, { siteId, equipmentId, actor: principal.userId });
  }

  @Get('network/equipment')
  @SignedIn()
  @ApiErrors(200, EquipmentPageDto, 400, 401)
  list(@Query() query: EquipmentListQueryDto): Promise<EquipmentPage> {
    return this.rpc.call(RPC.networking.equipmentList, { cursor: query.cursor, limit: query.limit, q: query.q, near: nearOf(query) });
  }

  @Get('network/equipment/:equipmentId')
  @SignedIn()
  @ApiErrors(200, EquipmentDto, 400, 401, 404)
  get(@Param('equipmentId', new ParseUUIDPipe()) equipmentId: string): Promise<Equipment> {
    return this.rpc.call(RPC.networking.equipmentGet, { equipmentId });
  }

  /** The borrowing site (:siteId) asks for another site's item over a range; an overlapping range is a 409 naming the range it hit. */
  @Post('sites/:siteId/equipment-reservations')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, EquipmentReservationDto, 400, 401, 403, 404, 409, 422)
  reserve(@Param('siteId') siteId: string, @Body() body: ReserveEquipmentDto, @CurrentPrincipal() principal: Principal): Promise<EquipmentReservation> {
    return this.rpc.call(RPC.networking.reservationCreate, { siteId, actor: principal.userId, ...body });
  }

  @Get('sites/:siteId/equipment-reservations')
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentReservationPageDto, 400, 401, 403, 404)
  reservations(@Param('siteId') siteId: string, @Query() query: ReservationListQueryDto): Promise<EquipmentReservationPage> {
    return this.rpc.call(RPC.networking.reservationList, { ...query, siteId });
  }

  @Post('sites/:siteId/equipment-reservations/:reservationId/accept')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentReservationDto, 400, 401, 403, 404, 409)
  accept(@Param('siteId') siteId: string, @Param('reservationId', new ParseUUIDPipe()) reservationId: string, @CurrentPrincipal() principal: Principal) {
    return this.act(siteId, reservationId, 'accept', null, principal);
  }

  @Post('sites/:siteId/equipment-reservations/:reservationId/decline')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentReservationDto, 400, 401, 403, 404, 409)
  decline(
    @Param('siteId') siteId: string,
    @Param('reservationId', new ParseUUIDPipe()) reservationId: string,
    @Body() body: ReservationMessageDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.act(siteId, reservationId, 'decline', body?.message, principal);
  }

  /** Either site, before check-out: the slot is free again. */
  @Post('sites/:siteId/equipment-reservations/:reservationId/cancel')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentReservationDto, 400, 401, 403, 404, 409)
  cancel(
    @Param('siteId') siteId: string,
    @Param('reservationId', new ParseUUIDPipe()) reservationId: string,
    @Body() body: ReservationMessageDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.act(siteId, reservationId, 'cancel', body?.message, principal);
  }

  @Post('sites/:siteId/equipment-reservations/:reservationId/check-out')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentReservationDto, 400, 401, 403, 404, 409)
  checkOut(
    @Param('siteId') siteId: string,
    @Param('reservationId', new ParseUUIDPipe()) reservationId: string,
    @Body() body: ReservationConditionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.act(siteId, reservationId, 'check_out', body.condition, principal);
  }

  /** Back with its condition noted; a loan valued in hours writes them into the reciprocity ledger (given by the lending site). */
  @Post('sites/:siteId/equipment-reservations/:reservationId/return')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, EquipmentReservationDto, 400, 401, 403, 404, 409)
  giveBack(
    @Param('siteId') siteId: string,
    @Param('reservationId', new ParseUUIDPipe()) reservationId: string,
    @Body() body: ReservationConditionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.act(siteId, reservationId, 'return', body.condition, principal);
  }

  private act(siteId: string, reservationId: string, action: ReservationAction, text: string | null | undefined, principal: Principal): Promise<EquipmentReservation> {
    return this.rpc.call(RPC.networking.reservationAct, { siteId, reservationId, action, text: text ?? null, actor: principal.userId });
  }
}
