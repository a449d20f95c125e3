import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { OpenSession, TokenPair } from '../auth.service';

export class LoginDto {
  @ApiProperty({ example: 'coordination@lacape.kpa.local' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'une phrase facile à retenir' })
  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh (each one works once).' })
  @IsString()
  @MinLength(20, { message: 'refreshToken must be the refreshToken returned by login or refresh' })
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto implements TokenPair {
  @ApiProperty({ description: 'JWT to send as "Authorization: Bearer …"; valid 15 minutes at most.' })
  accessToken: string;
  @ApiProperty({ description: 'Opaque token for POST /v1/auth/refresh; works once (rotation).' })
  refreshToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires.' })
  expiresIn: number;
  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';
}

export class AccessTokenDto {
  @ApiProperty({ description: 'JWT to send as "Authorization: Bearer …"; valid 15 minutes at most. Keep it in memory: the refresh token is in the kpa_refresh cookie.' })
  accessToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires: refresh a little before.' })
  expiresIn: number;
  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';
}

export class LogoutAllDto {
  @ApiProperty({ example: 3, description: 'How many open sessions were ended (this one included).' })
  sessionsClosed: number;
}

export class SiteGrantDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ['coordinator', 'member', 'accountant'] }) role: 'coordinator' | 'member' | 'accountant';
  @ApiProperty({ example: 'La Cape', nullable: true }) siteName: string | null;
  @ApiProperty({ example: 'LACAPE', nullable: true }) siteCode: string | null;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'coordination@lacape.kpa.local' }) email: string;
  @ApiProperty({ example: 'Coordination La Cape' }) displayName: string;
  @ApiProperty({ description: 'Region-wide administrator.' }) networkAdmin: boolean;
  @ApiProperty({ type: [SiteGrantDto] }) sites: SiteGrantDto[];
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now: proves it is you at the keyboard.' })
  @IsString()
  @MinLength(1, { message: 'currentPassword is required' })
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ example: 'une autre phrase facile à retenir', description: 'At least 12 characters, not a common password, without the e-mail address.' })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class PasswordChangedDto {
  @ApiProperty({ example: 2, description: 'How many other sessions were ended (this one stays open).' })
  sessionsClosed: number;
}

export class OpenSessionDto implements OpenSession {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When it logged in.' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it last logged in or refreshed its token.' }) lastActiveAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'The browser or app that logged in (its User-Agent header, 300 characters at most).' }) userAgent: string | null;
  @ApiProperty({ description: 'The session of this request.' }) current: boolean;
}

export class OpenSessionListDto {
  @ApiProperty({ type: [OpenSessionDto] }) items: OpenSessionDto[];
}
