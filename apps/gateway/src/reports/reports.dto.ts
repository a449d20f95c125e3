import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, ValidateBy } from 'class-validator';
import { isUuid, REPORT_KINDS, REPORT_STATUSES, ReportKind, ReportScope, ReportStatus, ReportView } from '@kpa/contracts';
import { IsCalendarDate } from '../http/calendar-date.decorator';

export class RequestSiteReportDto {
  @ApiProperty({ enum: REPORT_KINDS, example: 'activity' })
  @IsIn(REPORT_KINDS, { message: `kind must be one of ${REPORT_KINDS.join(', ')}` })
  kind: ReportKind;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-06-30' }) @IsCalendarDate() to: string;
}

export class RequestNetworkReportDto extends RequestSiteReportDto {
  @ApiProperty({ description: '"region", or the id of a host structure', example: 'region' })
  @IsString()
  @ValidateBy({
    name: 'isReportScope',
    validator: { validate: (value: unknown) => value === 'region' || isUuid(value), defaultMessage: () => 'scope must be "region" or the id of a host structure' },
  })
  scope: string;
}

export class ReportViewDto implements ReportView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REPORT_KINDS }) kind: ReportKind;
  @ApiProperty({ type: Object, example: { type: 'region' }, description: '{type: "site", siteId} | {type: "host", hostStructureId} | {type: "region"}' }) scope: ReportScope;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'progress in percent while it runs' }) progress: number;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 (hex) of the frozen figures, once done' }) sha256: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
}
