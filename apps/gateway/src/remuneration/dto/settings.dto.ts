import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsObject, IsOptional } from 'class-validator';
import { RemunerationSettings, UpdateRemunerationSettingsRequest } from '@kpa/contracts';

type UpdateSettings = UpdateRemunerationSettingsRequest['settings'];
const PERIOD_LENGTHS = ['month', 'week'] as const;

// The sections are checked in depth by remuneration's domain (parsePotSettings, parseDistributionSettings,
// parseRecognitionBudget, parsePayrollRateTable), which names the field at fault: here only their shape.

export class FixedReserveDto {
  @ApiProperty({ example: 'Loyer du local' }) label: string;
  @ApiProperty({ example: '300.00' }) monthlyAmount: string;
}

export class PotSettingsDto {
  @ApiProperty({ example: '10', description: 'the host structure’s contribution, percent of payments received excl. VAT (0–100, up to 4 decimals)' }) hostContributionRate: string;
  @ApiProperty({ example: '0', description: 'a reserve for shared costs, percent of the same base' }) reserveRate: string;
  @ApiProperty({ example: 'Réserve pour frais communs' }) reserveLabel: string;
  @ApiProperty({ type: [FixedReserveDto], description: 'fixed monthly reserves (at most 20), prorated for weekly periods' }) fixedReserves: FixedReserveDto[];
}

export class RuleWeightsDto {
  @ApiProperty({ example: 50 }) time: number;
  @ApiProperty({ example: 20 }) equal: number;
  @ApiProperty({ example: 30 }) peer: number;
  @ApiProperty({ example: 0 }) mission: number;
}

export class TimeWeightsDto {
  @ApiProperty({ example: '1' }) missionHours: string;
  @ApiProperty({ example: '1' }) contributiveHours: string;
}

export class DistributionSettingsDto {
  @ApiProperty({ type: RuleWeightsDto, description: 'integer weights 0–10 000, at least one above 0 (rules left out weigh 0 when writing)' }) rules: RuleWeightsDto;
  @ApiProperty({ type: TimeWeightsDto, description: 'weight of an hour in the time rule (default "1")' }) timeWeights: TimeWeightsDto;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'the most a member may receive per period' }) capPerMember: string | null;
}

export class EmployerRateDto {
  @ApiProperty({ example: '1765.00' }) gross: string;
  @ApiProperty({ example: '5' }) rate: string;
}

export class PayrollRateTableDto {
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ example: 'CAE Grand Nord, taux 2026' }) label: string;
  @ApiProperty({ type: [EmployerRateDto], description: 'the employer rate at a few gross monthly amounts, increasing; linear between them' }) employerRates: EmployerRateDto[];
  @ApiProperty({ example: '21' }) employeeRate: string;
  @ApiProperty({ example: '29.00' }) employerMutual: string;
  @ApiProperty({ example: '29.00' }) employeeMutual: string;
}

export class RemunerationSettingsDto implements RemunerationSettings {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ['month', 'week'] }) periodLength: 'month' | 'week';
  @ApiProperty({ type: PotSettingsDto }) pot: PotSettingsDto;
  @ApiProperty({ type: DistributionSettingsDto }) distribution: DistributionSettingsDto;
  @ApiProperty({ example: 100 }) recognitionBudget: number;
  @ApiProperty({ type: [PayrollRateTableDto], description: 'the pay simulator’s dated rate tables' }) payrollRates: PayrollRateTableDto[];
  @ApiProperty({ description: 'true while the tables are the 2024 example of docs/domain-rules.md §5.2, not the host’s own rates' }) payrollRatesAreExample: boolean;
  @ApiProperty({ description: 'false while nothing was ever saved: every value is a default' }) customised: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

/**
 * Each given section replaces the current one whole; absent sections stay as they are. Typed as the
 * contract's sections, though only their shape is checked here: remuneration parses each in depth.
 */
export class UpdateRemunerationSettingsDto implements UpdateSettings {
  @ApiPropertyOptional({ enum: PERIOD_LENGTHS })
  @IsOptional()
  @IsIn(PERIOD_LENGTHS, { message: 'periodLength must be one of month, week' })
  periodLength?: UpdateSettings['periodLength'];
  @ApiPropertyOptional({ type: PotSettingsDto, description: 'hostContributionRate required; reserveRate, reserveLabel, fixedReserves optional' })
  @IsOptional()
  @IsObject()
  pot?: UpdateSettings['pot'];
  @ApiPropertyOptional({ type: DistributionSettingsDto, description: 'rules required; timeWeights, capPerMember optional' })
  @IsOptional()
  @IsObject()
  distribution?: UpdateSettings['distribution'];
  @ApiPropertyOptional({ example: 100, description: 'whole points, 1–10 000' }) @IsOptional() recognitionBudget?: number;
  @ApiPropertyOptional({ type: [PayrollRateTableDto], nullable: true, description: 'at most 10 tables with distinct validFrom; null or [] for the example table' })
  @IsOptional()
  @IsArray()
  payrollRates?: UpdateSettings['payrollRates'];
}
