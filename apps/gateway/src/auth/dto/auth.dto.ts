import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { TokenPair } from '../auth.service';

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
