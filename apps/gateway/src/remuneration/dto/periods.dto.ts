import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import {
  CountedMission,
  CountedMovement,
  GivenRecognition,
  HoursByKind,
  MemberShareView,
  Objection,
  OBJECTION_STATUSES,
  ObjectionList,
  ObjectionStatus,
  PayEstimateView,
  PeriodFigures,
  PeriodPage,
  PeriodSummary,
  PeriodTotals,
  PeriodView,
  PotTermView,
  Recognition,
  RecognitionRound,
  REMUNERATION_PERIOD_STATUSES,
  RemunerationPeriodStatus,
  RuleBasisView,
  RulePartView,
  RuleShareView,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

export class CreatePeriodDto {
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ example: '2026-12-31', description: 'on or after startsOn, in the same month (pay is monthly)' })
  @IsCalendarDate()
  endsOn: string;
}

export class PeriodListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REMUNERATION_PERIOD_STATUSES })
  @IsOptional()
  @IsIn(REMUNERATION_PERIOD_STATUSES, { message: `status must be one of ${REMUNERATION_PERIOD_STATUSES.join(', ')}` })
  status?: RemunerationPeriodStatus;
}

export class CreateObjectionDto {
  @ApiProperty({ example: 'Mes 6 heures de ménage du 12 ne sont pas comptées.', description: '1 to 2 000 characters' }) @IsString() @Length(1, 2000) text: string;
}

export class AnswerObjectionDto {
  @ApiProperty({ example: 'Elles ont été validées après la clôture : elles comptent dans la période suivante.', description: '1 to 2 000 characters' })
  @IsString()
  @Length(1, 2000)
  answer: string;
}

export class GiveRecognitionDto {
  @ApiProperty({ format: 'uuid', description: 'another active member of the site' }) @IsUUID() toMemberId: string;
  @ApiProperty({ minimum: 1, example: 20, description: 'whole points, within what you have left of the budget' })
  @IsInt({ message: 'points must be a whole number' })
  @Min(1)
  @Max(10000)
  points: number;
  @ApiPropertyOptional({ nullable: true, example: 'Merci pour le coup de main à la cantine !', description: 'at most 500 characters' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string | null;
}

export class SimulatePayDto {
  @ApiProperty({ example: '1896.00', description: 'a share: the employer-cost envelope, decimal string with at most 2 decimals' })
  @IsString()
  @Matches(/^\d{1,13}(\.\d{1,2})?$/, { message: 'amount must be written like "1896" or "1896.50" (a string, at most 2 decimals)' })
  amount: string;
}

export class PeriodTotalsDto implements PeriodTotals {
  @ApiProperty({ example: '1895.67' }) pot: string;
  @ApiProperty({ example: '1895.67' }) distributed: string;
  @ApiProperty({ example: '0.00' }) undistributed: string;
  @ApiProperty({ example: '0.00', description: 'deficit + undistributed: what the next period inherits' }) carryOverToNext: string;
}

export class PeriodSummaryDto implements PeriodSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-12-01' }) startsOn: string;
  @ApiProperty({ example: '2026-12-31' }) endsOn: string;
  @ApiProperty({ enum: REMUNERATION_PERIOD_STATUSES }) status: RemunerationPeriodStatus;
  @ApiProperty({ example: '2026-12', description: 'the payroll month' }) payMonth: string;
  @ApiProperty({ type: PeriodTotalsDto, nullable: true, description: 'frozen at close; null while open' }) totals: PeriodTotalsDto | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) closedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) exportedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class PeriodPageDto extends PageDto(PeriodSummaryDto) implements PeriodPage {}

export class PotTermDto implements PotTermView {
  @ApiProperty({
    enum: ['payments', 'credit_notes', 'refunds', 'host_contribution', 'expenses', 'reserve_rate', 'reserve_fixed', 'carry_over'],
    description: 'credit_notes: only in figures frozen at a close before credit notes stopped counting in the pot (money collected only); they are kept as they were',
  })
  kind: 'payments' | 'credit_notes' | 'refunds' | 'host_contribution' | 'expenses' | 'reserve_rate' | 'reserve_fixed' | 'carry_over';
  @ApiProperty({ example: 'Contribution coopérative de la structure hébergeuse' }) label: string;
  @ApiProperty({ example: '-214.20', description: 'signed as it counts in the pot' }) amount: string;
  @ApiProperty({ example: '10 % de 2 142,00 € (paiements HT), arrondi au centime' }) detail: string;
}

export class PotDto {
  @ApiProperty({ type: [PotTermDto] }) terms: PotTermDto[];
  @ApiProperty({ example: '1927.80', description: 'Σ terms' }) pot: string;
  @ApiProperty({ example: '1927.80' }) distributable: string;
  @ApiProperty({ example: '0.00' }) deficit: string;
  @ApiProperty({ example: '2142.00' }) base: string;
}

export class RuleBasisDto implements RuleBasisView {
  @ApiProperty({ enum: ['hours', 'weighted_hours', 'members', 'points'] }) unit: 'hours' | 'weighted_hours' | 'members' | 'points';
  @ApiProperty({ example: '12.50' }) quantity: string;
  @ApiProperty({ example: '40.00' }) total: string;
}

export class RuleShareDto implements RuleShareView {
  @ApiProperty({ enum: ['time', 'equal', 'peer', 'mission'] }) rule: 'time' | 'equal' | 'peer' | 'mission';
  @ApiProperty({ example: '312.50' }) amount: string;
  @ApiProperty({ example: '312.50' }) beforeCap: string;
  @ApiProperty({ type: RuleBasisDto }) basis: RuleBasisDto;
  @ApiProperty({ example: '12,5 h (8 h de missions + 4,5 h contributives) sur 40 h du site × 50 % de la cagnotte (500,00 €)' }) explanation: string;
}

export class CapAdjustmentDto {
  @ApiProperty({ example: '-120.00' }) amount: string;
  @ApiProperty() explanation: string;
}

export class HoursByKindDto implements HoursByKind {
  @ApiProperty({ example: '8.00' }) mission: string;
  @ApiProperty({ example: '4.50' }) contributiveDay: string;
  @ApiProperty({ example: '0.00' }) collectiveTask: string;
  @ApiProperty({ example: '0.00' }) peerTraining: string;
}

export class MemberShareDto implements MemberShareView {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali' }) name: string;
  @ApiProperty({ example: '452.10' }) total: string;
  @ApiProperty({ example: '452.10' }) beforeCap: string;
  @ApiProperty({ type: [RuleShareDto] }) byRule: RuleShareDto[];
  @ApiProperty({ type: CapAdjustmentDto, nullable: true }) capAdjustment: CapAdjustmentDto | null;
  @ApiProperty({ type: HoursByKindDto }) hours: HoursByKindDto;
}

export class RulePartDto implements RulePartView {
  @ApiProperty({ enum: ['time', 'equal', 'peer', 'mission'] }) rule: 'time' | 'equal' | 'peer' | 'mission';
  @ApiProperty({ example: 50 }) weight: number;
  @ApiProperty({ description: 'false when nobody has a basis for the rule this period: its part went to the other rules' }) hasBasis: boolean;
  @ApiProperty({ example: '963.90' }) amount: string;
  @ApiProperty({ enum: ['hours', 'weighted_hours', 'members', 'points'] }) unit: 'hours' | 'weighted_hours' | 'members' | 'points';
  @ApiProperty({ example: '40.00' }) basisTotal: string;
  @ApiProperty() explanation: string;
}

export class DistributionDto {
  @ApiProperty({ example: '1927.80' }) distributable: string;
  @ApiProperty({ example: '1927.80' }) distributed: string;
  @ApiProperty({ example: '0.00' }) undistributed: string;
  @ApiProperty({ enum: ['none', 'no_basis', 'all_capped'] }) undistributedReason: 'none' | 'no_basis' | 'all_capped';
  @ApiProperty({ type: [RulePartDto] }) rules: RulePartDto[];
}

export class PointsTotalDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali' }) name: string;
  @ApiProperty({ example: 140 }) points: number;
}

export class RecognitionSummaryDto {
  @ApiProperty({ example: 100 }) budget: number;
  @ApiProperty() totalsVisible: boolean;
  @ApiProperty({ type: [PointsTotalDto], nullable: true, description: 'once the period is closed' }) totals: PointsTotalDto[] | null;
}

export class CountedMovementDto implements CountedMovement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['payment', 'credit_note', 'refund', 'expense'] }) kind: 'payment' | 'credit_note' | 'refund' | 'expense';
  @ApiProperty({ example: '2026-12-04' }) occurredOn: string;
  @ApiProperty({ example: '233.33' }) net: string;
  @ApiProperty({ example: '41.83' }) vat: string;
  @ApiProperty({ example: 'LACAPE-F-2026-00012', description: 'invoice number, credit note number or expense category' }) reference: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) missionId: string | null;
  @ApiProperty({ description: 'dated before the period: arrived after its own period was frozen' }) carriedIn: boolean;
}

export class CountedParticipantDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali' }) name: string;
  @ApiProperty({ example: '7.50' }) hours: string;
}

export class CountedMissionDto implements CountedMission {
  @ApiProperty({ format: 'uuid' }) missionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-12-04' }) completedOn: string;
  @ApiProperty({ example: '180.00', description: 'its payments − credit notes − expenses dated up to the period’s end' }) margin: string;
  @ApiProperty() carriedIn: boolean;
  @ApiProperty({ type: [CountedParticipantDto] }) participants: CountedParticipantDto[];
}

export class LedgerDto {
  @ApiProperty({ type: [CountedMovementDto] }) movements: CountedMovementDto[];
  @ApiProperty({ type: [CountedMissionDto] }) missions: CountedMissionDto[];
}

export class PeriodFiguresDto implements PeriodFigures {
  @ApiProperty({ enum: ['preview', 'frozen'], description: 'preview while open (recomputed on every read, without the recognition points); frozen once closed' }) kind:
    'preview' | 'frozen';
  @ApiProperty({ description: 'French, for people: preview or frozen' }) label: string;
  @ApiProperty() computedAt: string;
  @ApiProperty({ type: PotDto }) pot: PotDto;
  @ApiProperty({ type: DistributionDto }) distribution: DistributionDto;
  @ApiProperty({ example: '0.00' }) carryOverToNext: string;
  @ApiProperty({ type: [MemberShareDto] }) shares: MemberShareDto[];
  @ApiProperty({ type: RecognitionSummaryDto }) recognition: RecognitionSummaryDto;
  @ApiProperty({ type: LedgerDto }) ledger: LedgerDto;
}

export class PeriodViewDto extends PeriodSummaryDto implements PeriodView {
  @ApiProperty({ type: PeriodFiguresDto }) figures: PeriodFiguresDto;
  @ApiProperty({ example: 0 }) openObjections: number;
}

export class ObjectionViewDto implements Objection {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali' }) name: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status: ObjectionStatus;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) answeredBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
}

export class ObjectionListDto implements ObjectionList {
  @ApiProperty({ type: [ObjectionViewDto], description: 'coordinators and accountants: all; a member: their own' }) items: ObjectionViewDto[];
  @ApiProperty({ example: 1, description: 'unanswered objections of the period' }) open: number;
}

export class RecognitionDto implements Recognition {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ format: 'uuid' }) fromMemberId: string;
  @ApiProperty({ format: 'uuid' }) toMemberId: string;
  @ApiProperty({ example: 'Karim Haddad' }) toName: string;
  @ApiProperty({ example: 20 }) points: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
}

export class GivenRecognitionDto extends RecognitionDto implements GivenRecognition {
  @ApiProperty({ example: 80, description: 'points you have left this period' }) remaining: number;
}

export class RecognitionRoundDto implements RecognitionRound {
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ enum: REMUNERATION_PERIOD_STATUSES }) status: RemunerationPeriodStatus;
  @ApiProperty({ example: 100 }) budget: number;
  @ApiProperty({ type: [RecognitionDto], description: 'your own gifts only' }) given: RecognitionDto[];
  @ApiProperty({ example: 80 }) remaining: number;
  @ApiProperty() totalsVisible: boolean;
  @ApiProperty({ type: [PointsTotalDto], nullable: true, description: 'points received per member, once the period is closed' }) totals: PointsTotalDto[] | null;
}

export class PayEstimateTableDto {
  @ApiProperty({ example: '2024-01-01' }) validFrom: string;
  @ApiProperty() label: string;
}

export class PayEstimateDto implements PayEstimateView {
  @ApiProperty({ enum: [true] }) estimate: true;
  @ApiProperty({ enum: ['estimation'] }) label: 'estimation';
  @ApiProperty({ type: PayEstimateTableDto }) table: PayEstimateTableDto;
  @ApiProperty({ example: '1896.00', description: 'the share: the employer-cost envelope' }) employerCost: string;
  @ApiProperty({ example: '1772.98' }) gross: string;
  @ApiProperty({ example: '94.02' }) employerContributions: string;
  @ApiProperty({ example: '5.3' }) employerRate: string;
  @ApiProperty({ example: '29.00' }) employerMutual: string;
  @ApiProperty({ example: '372.33' }) employeeContributions: string;
  @ApiProperty({ example: '21' }) employeeRate: string;
  @ApiProperty({ example: '29.00' }) employeeMutual: string;
  @ApiProperty({ example: '1371.65' }) net: string;
  @ApiProperty({ example: '0.00', description: 'rounding leftover of the envelope' }) unused: string;
  @ApiProperty({ type: [String], description: 'French lines for people, the first saying it is an estimate' }) lines: string[];
}
