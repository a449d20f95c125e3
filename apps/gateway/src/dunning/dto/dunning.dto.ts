import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  COLLECTION_NOTE_KINDS,
  CollectionNoteKind,
  CollectionEntry,
  CollectionLog,
  DunningDraft,
  DunningDraftList,
  DunningStatus,
  DunningLevelSetting,
  DunningPolicyInput,
  DunningPolicyView,
} from '@kpa/contracts';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

export class DunningLevelSettingDto implements DunningLevelSetting {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty({ minimum: 0, maximum: 365, description: 'days after the due date' }) @IsInt() @Min(0) @Max(365) delayDays: number;
}

export class CourtesyNoticeDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty({ minimum: 1, maximum: 30, description: 'days before the due date' }) @IsInt() @Min(1) @Max(30) daysBefore: number;
}

/** The whole policy (PUT replaces it): levels 7 days apart at least (422 DUNNING_POLICY_INVALID otherwise). */
export class DunningPolicyDto implements DunningPolicyInput {
  @ApiProperty({ type: CourtesyNoticeDto }) @ValidateNested() @Type(() => CourtesyNoticeDto) courtesy: CourtesyNoticeDto;
  @ApiProperty({ type: DunningLevelSettingDto }) @ValidateNested() @Type(() => DunningLevelSettingDto) level1: DunningLevelSettingDto;
  @ApiProperty({ type: DunningLevelSettingDto }) @ValidateNested() @Type(() => DunningLevelSettingDto) level2: DunningLevelSettingDto;
  @ApiProperty({ type: DunningLevelSettingDto, description: 'the formal notice: prepared as a draft, sent by a coordinator' })
  @ValidateNested()
  @Type(() => DunningLevelSettingDto)
  level3: DunningLevelSettingDto;
  @ApiProperty({ minimum: 0, maximum: 23, example: 9, description: 'Paris time' }) @IsInt() @Min(0) @Max(23) sendFromHour: number;
  @ApiProperty({ minimum: 1, maximum: 24, example: 18, description: 'Paris time, excluded' }) @IsInt() @Min(1) @Max(24) sendUntilHour: number;
}

export class DunningPolicyViewDto extends DunningPolicyDto implements DunningPolicyView {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ description: 'false while the site uses the defaults' }) customised: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class PauseDunningDto {
  @ApiProperty({ example: 'Litige sur la prestation', description: '1–500 characters' })
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class CollectionNoteDto {
  @ApiProperty({ enum: COLLECTION_NOTE_KINDS }) @IsIn(COLLECTION_NOTE_KINDS, { message: `kind must be one of ${COLLECTION_NOTE_KINDS.join(', ')}` }) kind: CollectionNoteKind;

  @ApiProperty({ example: 'Client appelé : paiement prévu vendredi', description: '1–2000 characters' })
  @IsString()
  @Length(1, 2000, { message: 'text must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @ApiPropertyOptional({ example: '2026-03-20', description: 'required for a promise_to_pay, refused otherwise' })
  @ValidateIf((note: CollectionNoteDto) => note.kind === 'promise_to_pay' || note.promisedOn !== undefined)
  @IsCalendarDate()
  promisedOn?: string;

  @ApiPropertyOptional({ example: '150.00', description: 'a promise_to_pay only' })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT, { message: 'promisedAmount must be an amount written like "152.05" (at most 2 decimals)' })
  @Matches(/[1-9]/, { message: 'promisedAmount must be above 0' })
  promisedAmount?: string;
}

export class DunningDraftDto implements DunningDraft {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() number: string;
  @ApiProperty() dueOn: string;
  @ApiProperty() outstanding: string;
  @ApiProperty() preparedAt: string;
}

export class DunningDraftListDto implements DunningDraftList {
  @ApiProperty({ type: [DunningDraftDto] }) items: DunningDraftDto[];
}

export class DunningNextStepDto {
  @ApiProperty({ enum: [0, 1, 2, 3] }) level: 0 | 1 | 2 | 3;
  @ApiProperty({ enum: ['send', 'draft'] }) action: 'send' | 'draft';
  @ApiProperty({ example: '2026-03-17' }) on: string;
}

export class DunningStatusDto implements DunningStatus {
  @ApiProperty({ enum: [-1, 0, 1, 2, 3], description: 'highest level recorded, -1: none yet' }) level: -1 | 0 | 1 | 2 | 3;
  @ApiProperty() paused: boolean;
  @ApiProperty() settled: boolean;
  @ApiProperty({ type: DunningNextStepDto, nullable: true }) nextStep: DunningNextStepDto | null;
}

export class CollectionLogDto implements CollectionLog {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() number: string;
  @ApiProperty() dueOn: string;
  @ApiProperty() total: string;
  @ApiProperty() paid: string;
  @ApiProperty() credited: string;
  @ApiProperty() outstanding: string;
  @ApiProperty({ type: DunningStatusDto }) status: DunningStatusDto;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'oldest first: {type: "reminder", level, status}, {type: "pause", reason, resumedAt}, {type: "call" | "promise_to_pay" | "note", text, promisedOn, promisedAmount}',
  })
  entries: CollectionEntry[];
}
