import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Notification, NOTIFICATION_KINDS, NOTIFICATION_LANGUAGES, NotificationKind, NotificationLanguage, NotificationPage, NotificationPreferences } from '@kpa/contracts';
import { PageQueryDto } from '../sites/dto/sites.dto';
import { PageDto } from '../http/page.dto';

export class NotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: true, description: 'true: only those not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationDto implements Notification {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'Votre devis D-2026-0012 a expiré' }) title: string;
  @ApiProperty({ example: 'Le devis pour Boulangerie du Pile n’a pas été accepté avant le 30 novembre 2026.' }) body: string;
  @ApiProperty({ nullable: true, type: String, example: '/v1/sites/…/quotes/…' }) link: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageDto extends PageDto(NotificationDto) implements NotificationPage {
  @ApiProperty({ example: 3, description: 'unread notifications over all of your sites' }) unread: number;
}

export class NotificationsReadDto {
  @ApiProperty({ example: 3 }) read: number;
}

export class NotificationPreferencesDto implements NotificationPreferences {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, example: ['digest'], description: 'kinds you do not want by e-mail (they stay in the app)' })
  @IsArray({ message: 'emailOff must be a list of kinds' })
  @ArrayMaxSize(NOTIFICATION_KINDS.length * 2)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `emailOff may hold only ${NOTIFICATION_KINDS.join(', ')}` })
  emailOff: NotificationKind[];

  @ApiProperty({ minimum: 0, maximum: 23, example: 8, description: 'hour of the daily digest, Paris time' })
  @IsInt({ message: 'digestHour must be a whole hour from 0 to 23' })
  @Min(0, { message: 'digestHour must be a whole hour from 0 to 23' })
  @Max(23, { message: 'digestHour must be a whole hour from 0 to 23' })
  digestHour: number;

  @ApiProperty({ enum: NOTIFICATION_LANGUAGES, example: 'fr' })
  @IsIn(NOTIFICATION_LANGUAGES, { message: `language must be one of ${NOTIFICATION_LANGUAGES.join(', ')}` })
  language: NotificationLanguage;
}
