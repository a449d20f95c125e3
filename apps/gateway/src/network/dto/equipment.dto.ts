import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  Equipment,
  EQUIPMENT_STATUSES,
  EQUIPMENT_VALUE_UNITS,
  EquipmentInput,
  EquipmentPage,
  EquipmentReservation,
  EquipmentReservationPage,
  EquipmentStatus,
  EquipmentValue,
  EquipmentValueUnit,
  RESERVATION_STATUSES,
  ReservationStatus,
} from '@kpa/contracts';
import { PageDto } from '../../http/page.dto';
import { PageQueryDto } from '../../sites/dto/sites.dto';

const HOURS = /^\d{1,4}(\.\d{1,2})?$/;
const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
/** An instant with its zone: a reservation of a kitchen at "08:00" means nothing without one. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = (field: string) => `${field} must be an instant written like 2026-12-05T08:00:00+01:00 (date, time and zone)`;

export class EquipmentValueDto implements EquipmentValue {
  @ApiProperty({ example: '4', description: 'reciprocity hours per unit, > 0, up to 2 decimals (a string)' })
  @IsString()
  @Matches(HOURS, { message: 'value.hours must be written like "4", "3.5" or "3.25" (a string, up to two decimals)' })
  hours: string;
  @ApiProperty({ enum: EQUIPMENT_VALUE_UNITS, description: 'per started day (24 h), per started half-day (12 h) of the reserved range, or once per loan' })
  @IsIn(EQUIPMENT_VALUE_UNITS, { message: `value.per must be one of ${EQUIPMENT_VALUE_UNITS.join(', ')}` })
  per: EquipmentValueUnit;
}

export class CreateEquipmentDto implements EquipmentInput {
  @ApiProperty({ example: 'Cuisine partagée' }) @IsString() @Length(1, 120) name: string;
  @ApiProperty({ example: 'Cuisine professionnelle de 40 m², piano 6 feux, chambre froide' }) @IsString() @Length(1, 2000) description: string;
  @ApiPropertyOptional({ nullable: true, example: 'formation hygiène alimentaire (HACCP)', description: 'what the borrowing site must have first' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  prerequisite?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '300.00', description: 'deposit in euros (a string)' })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT, { message: 'deposit must be an amount in euros written like "300" or "150.50" (a string)' })
  deposit?: string | null;
  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 8760, example: 48, description: 'longest reservation, in hours' })
  @IsOptional()
  @IsInt({ message: 'maxDurationHours must be a whole number of hours' })
  @Min(1)
  @Max(8760)
  maxDurationHours?: number | null;
  @ApiPropertyOptional({ type: EquipmentValueDto, nullable: true, description: 'the loan’s value in reciprocity hours; null: lent without counting' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EquipmentValueDto)
  value?: EquipmentValueDto | null;
}

export class UpdateEquipmentDto extends PartialType(CreateEquipmentDto) {}

export class EquipmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'cuisine', description: 'words of the name or description, accents and case ignored' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
  @ApiPropertyOptional({ example: '50.6942,3.1746', description: 'latitude,longitude: only equipment of sites whose published profile is within `km`' })
  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,2}(\.\d{1,8})?,-?\d{1,3}(\.\d{1,8})?$/, { message: 'near must be "latitude,longitude" in decimal degrees, like "50.6942,3.1746"' })
  near?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 30, description: 'radius around `near`, in km' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'km must be a number of kilometres' })
  @Min(1)
  @Max(500)
  km?: number;
}

export class SiteEquipmentQueryDto extends PageQueryDto {}

export class EquipmentValueViewDto implements EquipmentValue {
  @ApiProperty({ example: '4.00' }) hours: string;
  @ApiProperty({ enum: EQUIPMENT_VALUE_UNITS }) per: EquipmentValueUnit;
}

export class EquipmentDto implements Equipment {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the lending site' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) prerequisite: string | null;
  @ApiProperty({ nullable: true, type: String, example: '300.00' }) deposit: string | null;
  @ApiProperty({ nullable: true, type: Number }) maxDurationHours: number | null;
  @ApiProperty({ nullable: true, type: EquipmentValueViewDto }) value: EquipmentValueViewDto | null;
  @ApiProperty({ enum: EQUIPMENT_STATUSES }) status: EquipmentStatus;
  @ApiProperty({ nullable: true, type: Number, description: 'km from `near`, when searched with it' }) distanceKm: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class EquipmentPageDto extends PageDto(EquipmentDto) implements EquipmentPage {}

export class ReserveEquipmentDto {
  @ApiProperty({ format: 'uuid', description: 'an item another site lends' }) @IsUUID() equipmentId: string;
  @ApiProperty({ example: '2026-12-12T08:00:00+01:00' })
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE('startsAt') })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('startsAt') })
  startsAt: string;
  @ApiProperty({ example: '2026-12-12T12:00:00+01:00', description: 'after startsAt; the range is [startsAt, endsAt)' })
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE('endsAt') })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('endsAt') })
  endsAt: string;
  @ApiPropertyOptional({ nullable: true, example: 'Repas de quartier, 60 couverts' }) @IsOptional() @IsString() @Length(0, 1000) note?: string | null;
}

export class ReservationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['owner', 'borrower'], description: '`owner`: reservations of the site’s equipment; `borrower`: the site’s own; both when left out' })
  @IsOptional()
  @IsIn(['owner', 'borrower'], { message: 'side must be owner or borrower' })
  side?: 'owner' | 'borrower';
  @ApiPropertyOptional({ enum: RESERVATION_STATUSES })
  @IsOptional()
  @IsIn(RESERVATION_STATUSES, { message: `status must be one of ${RESERVATION_STATUSES.join(', ')}` })
  status?: ReservationStatus;
}

export class ReservationMessageDto {
  @ApiPropertyOptional({ nullable: true, example: 'La cuisine est en travaux cette semaine-là' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  message?: string | null;
}

export class ReservationConditionDto {
  @ApiProperty({ example: 'Propre, complet, four nettoyé', description: 'the condition of the equipment, as both sites saw it' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 1000, { message: 'condition must say in a few words the condition of the equipment (1 to 1000 characters)' })
  condition: string;
}

export class EquipmentReservationDto implements EquipmentReservation {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) equipmentId: string;
  @ApiProperty() equipmentName: string;
  @ApiProperty({ format: 'uuid', description: 'the lending site' }) ownerSiteId: string;
  @ApiProperty({ format: 'uuid', description: 'the borrowing site' }) borrowerSiteId: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: RESERVATION_STATUSES }) status: ReservationStatus;
  @ApiProperty({ nullable: true, type: String, description: 'the message of a decline or a cancellation' }) message: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedOutAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkOutCondition: string | null;
  @ApiProperty({ nullable: true, type: String }) returnedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) returnCondition: string | null;
  @ApiProperty({ nullable: true, type: String, example: '8.00', description: 'reciprocity hours of a valued loan, recorded at return' }) hours: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) movementId: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class EquipmentReservationPageDto extends PageDto(EquipmentReservationDto) implements EquipmentReservationPage {}
