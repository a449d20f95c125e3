import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Client, CLIENT_KINDS, ClientInput, ClientKind, ClientPage } from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { AddressDto } from '../../members/dto/members.dto';
import { PageDto } from '../../http/page.dto';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

export class CreateClientDto implements ClientInput {
  @ApiProperty({ enum: CLIENT_KINDS, example: 'company' })
  @IsIn(CLIENT_KINDS, { message: `kind must be one of ${CLIENT_KINDS.join(', ')}` })
  kind: ClientKind;

  @ApiProperty({ example: 'Boulangerie du Pile', description: 'company name, or the full name of an individual' }) @IsString() @Length(1, 200) name: string;

  @ApiProperty({ type: AddressDto, description: 'printed on quotes and invoices' }) @ValidateNested() @Type(() => AddressDto) billingAddress: AddressDto;

  @ApiPropertyOptional({ example: 'contact@boulangerie-du-pile.fr', nullable: true }) @IsOptional() @IsString() @Length(0, 254) email?: string | null;
  @ApiPropertyOptional({ example: '03 20 12 34 56', nullable: true }) @IsOptional() @IsString() @Length(0, 20) phone?: string | null;

  @ApiPropertyOptional({
    example: '120 027 016 00357',
    nullable: true,
    description: 'company, public_body: required; association: when it has one; individual: refused. 14 digits, Luhn key checked, spaces allowed',
  })
  @IsOptional()
  @IsString()
  @Length(0, 20)
  siret?: string | null;

  @ApiPropertyOptional({ example: 'FR85120027016', nullable: true, description: 'not for individuals; a French one (FR…) has its key checked against the SIRET' })
  @IsOptional()
  @IsString()
  @Length(0, 20)
  vatNumber?: string | null;

  @ApiPropertyOptional({ example: 'SERV-ACHATS', nullable: true, description: 'public bodies: the Chorus Pro service code' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  chorusServiceCode?: string | null;

  @ApiPropertyOptional({ example: false, description: 'public bodies: invoices need the commitment number (numéro d’engagement)' })
  @IsOptionalNotNull()
  @IsBoolean()
  commitmentNumberRequired?: boolean;
}

export class UpdateClientDto extends PartialType(CreateClientDto, { skipNullProperties: false }) {}

export class ClientListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'boulang', description: 'in the name' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ enum: CLIENT_KINDS }) @IsOptional() @IsIn(CLIENT_KINDS, { message: `kind must be one of ${CLIENT_KINDS.join(', ')}` }) kind?: ClientKind;
}

export class ClientDto implements Client {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: CLIENT_KINDS }) kind: ClientKind;
  @ApiProperty({ example: 'Boulangerie du Pile' }) name: string;
  @ApiProperty({ type: AddressDto }) billingAddress: AddressDto;
  @ApiProperty({ nullable: true, type: String, description: 'personal data for an individual: every role of the site reads it' }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, example: '12002701600357' }) siret: string | null;
  @ApiProperty({ nullable: true, type: String, example: '120027016' }) siren: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'FR85120027016' }) vatNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) chorusServiceCode: string | null;
  @ApiProperty() commitmentNumberRequired: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ClientPageDto extends PageDto(ClientDto) implements ClientPage {}
