import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class MemberAccountDto {
  @ApiProperty({ example: 'ines@example.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'une phrase facile à retenir', description: 'at least 12 characters, not a common password' })
  @IsString()
  @MaxLength(256)
  password: string;
}
