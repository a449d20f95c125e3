import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OUTGOING_MAIL_STATUSES, OutgoingMailPage, OutgoingMailStatus, OutgoingMailView } from '@kpa/contracts';
import { PageQueryDto } from '../sites/dto/sites.dto';
import { PageDto } from '../http/page.dto';

export class SiteMailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OUTGOING_MAIL_STATUSES, description: 'e.g. failed: the messages that could not be delivered' })
  @IsOptional()
  @IsIn(OUTGOING_MAIL_STATUSES, { message: `status must be one of ${OUTGOING_MAIL_STATUSES.join(', ')}` })
  status?: OutgoingMailStatus;
}

export class OutgoingMailDto implements OutgoingMailView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'dunning:0191f0c4-…:1', description: 'what asked for the message' }) key: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) siteId: string | null;
  @ApiProperty({ example: 'compta@boulangerie-roubaix.fr' }) to: string;
  @ApiProperty({ example: 'mail.test' }) template: string;
  @ApiProperty({ enum: ['fr', 'en'] }) language: 'fr' | 'en';
  @ApiProperty({ example: 'Message d’essai de KPA Roubaix' }) subject: string;
  @ApiProperty({ enum: OUTGOING_MAIL_STATUSES }) status: OutgoingMailStatus;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ nullable: true, type: String, example: 'refused by the mail server: 550 5.1.1 Mailbox unknown' }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt: string | null;
}

export class OutgoingMailPageDto extends PageDto(OutgoingMailDto) implements OutgoingMailPage {}
