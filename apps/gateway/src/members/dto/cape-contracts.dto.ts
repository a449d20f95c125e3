import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CAPE_STATUSES, CapeContract, CapeContractPage, CapeContractStatus, CapePeriodView } from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

export class SignCapeContractDto {
  @ApiProperty({ example: '2026-12-01', description: 'first day; the member must have the site’s minimum age on it' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ example: '2027-05-31', description: 'last day; at most 12 months after startsOn' })
  @IsCalendarDate()
  endsOn: string;

  @ApiProperty({ example: 'cuisine du monde et traiteur', description: 'the activity the member develops' })
  @IsString()
  @Length(2, 200)
  activity: string;
}

export class RenewCapeContractDto {
  @ApiProperty({ example: '2027-11-30', description: 'new last day; the renewal starts the day after the current end, lasts at most 12 months' })
  @IsCalendarDate()
  endsOn: string;
}

export class TerminateCapeContractDto {
  @ApiProperty({ example: '2027-02-28', description: 'last day of the contract' })
  @IsCalendarDate()
  on: string;

  @ApiProperty({ example: 'a trouvé un CDI' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class CapeContractListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAPE_STATUSES })
  @IsOptional()
  @IsIn(CAPE_STATUSES, { message: `status must be one of ${CAPE_STATUSES.join(', ')}` })
  status?: CapeContractStatus;
}

export class CapePeriodDto implements CapePeriodView {
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
}

export class CapeContractDto implements CapeContract {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ format: 'uuid' }) hostStructureId: string;
  @ApiProperty() activity: string;
  @ApiProperty({ type: [CapePeriodDto] }) periods: CapePeriodDto[];
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ minimum: 0, maximum: 2 }) renewals: number;
  @ApiProperty({ enum: CAPE_STATUSES }) status: CapeContractStatus;
  @ApiProperty({ nullable: true, type: String }) terminatedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) terminationReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CapeContractPageDto extends PageDto(CapeContractDto) implements CapeContractPage {}
