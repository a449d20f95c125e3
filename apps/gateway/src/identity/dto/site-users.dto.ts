import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { Page } from '@kpa/contracts';
import { SITE_ROLES, SiteRole } from '../../auth/roles';
import { SiteUser } from '../site-users.service';
import { PageDto } from '../../http/page.dto';

export class CreateSiteUserDto {
  @ApiProperty({ example: 'coordination@lacape.kpa.local' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Coordination La Cape' })
  @IsString()
  @Length(1, 120)
  displayName: string;

  @ApiProperty({ enum: SITE_ROLES, description: 'a coordinator may create members and accountants; only a network admin creates coordinators' })
  @IsIn(SITE_ROLES, { message: `role must be one of ${SITE_ROLES.join(', ')}` })
  role: SiteRole;

  @ApiProperty({ example: 'une phrase facile à retenir', description: 'at least 12 characters, not a common password' })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class SiteUserDto implements SiteUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: SITE_ROLES }) role: SiteRole;
  @ApiProperty({ format: 'date-time', description: 'when the role was given' }) createdAt: string;
}

export class SiteUserPageDto extends PageDto(SiteUserDto) implements Page<SiteUser> {}
