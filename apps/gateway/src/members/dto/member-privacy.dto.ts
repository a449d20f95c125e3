import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MinLength, ValidateBy } from 'class-validator';
import {
  ExportedMemberFile,
  ImportedMember,
  ImportMembersRequest,
  MEMBER_IMPORT_MAX_FILE_BYTES,
  MemberErasure,
  MemberExport,
  MemberImportReport,
  RefusedRow,
} from '@kpa/contracts';
import { CapeContractDto } from './cape-contracts.dto';
import { JourneyChangeDto } from './journey.dto';
import { MemberDto } from './members.dto';
import { WholeFileText } from '../../http/validation';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

/**
 * At most `max` bytes once encoded in UTF-8 (a lone surrogate counts 3, as it is sent). Not
 * class-validator's IsByteLength: it measures with encodeURI, which throws on a lone surrogate.
 */
function MaxUtf8Bytes(max: number, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'maxUtf8Bytes',
    validator: { validate: (value: unknown) => typeof value !== 'string' || Buffer.byteLength(value, 'utf8') <= max, defaultMessage: () => message },
  });
}

const CSV_EXAMPLE =
  "prénom;nom;date de naissance;situation;orienté par;QPV;date d'entrée;compétences\n" +
  'Inès;Benali;14/05/2009;étudiant;mission locale;oui;01/09/2026;"cuisine:3, couture"\n' +
  "Sam;Durand;2001-02-03;demandeur d'emploi;bouche à oreille;non;2026-10-01;";

export class ImportMembersDto implements Omit<ImportMembersRequest, 'siteId'> {
  @ApiProperty({
    example: CSV_EXAMPLE,
    description:
      'The spreadsheet saved as CSV: UTF-8 (a BOM is fine), `;` or `,` (detected on the header line), header line first, ' +
      'French or English headers. Required columns: prénom/firstName, nom/lastName, date de naissance/birthDate (JJ/MM/AAAA or YYYY-MM-DD), ' +
      'situation, orienté par/referredBy. At most 512 KiB (UTF-8), 2,000 people, 10,000 lines, 100 columns, 5,000 characters a cell. ' +
      'See docs/api.md for every column, value and limit.',
  })
  @WholeFileText()
  @IsString()
  @MinLength(1)
  // In bytes, as the file is saved: the file and its report each travel in one NATS message (1 MiB).
  @MaxUtf8Bytes(
    MEMBER_IMPORT_MAX_FILE_BYTES,
    `csv must be at most ${MEMBER_IMPORT_MAX_FILE_BYTES / 1024} KiB (${MEMBER_IMPORT_MAX_FILE_BYTES.toLocaleString('en')} bytes in UTF-8): split the file`,
  )
  csv: string;

  @ApiPropertyOptional({ default: false, description: 'check only: the report says what would be created, nothing is written' })
  @IsOptionalNotNull()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportedMemberDto implements ImportedMember {
  @ApiProperty({ example: 2, description: 'spreadsheet row: the header is row 1' }) row: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'absent in a dry run' }) memberId?: string;
  @ApiProperty({ example: 'Inès' }) firstName: string;
  @ApiProperty({ example: 'Benali' }) lastName: string;
}

export class RefusedRowDto implements RefusedRow {
  @ApiProperty({ example: 3, description: 'spreadsheet row: the header is row 1' }) row: number;
  @ApiPropertyOptional({ example: 'birthDate', description: 'the member field at fault' }) field?: string;
  @ApiPropertyOptional({ example: 'date de naissance', description: 'its column, as written in the header' }) column?: string;
  @ApiProperty({ example: 'birthDate cannot be in the future.' }) message: string;
}

export class MemberImportReportDto implements MemberImportReport {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [ImportedMemberDto], description: 'created (or, in a dry run, that would be created), all in one transaction' }) created: ImportedMemberDto[];
  @ApiProperty({ type: [RefusedRowDto] }) refused: RefusedRowDto[];
  @ApiProperty({ type: [String], example: ['pointure'], description: 'header columns not recognised, hence not imported' }) ignoredColumns: string[];
}

/** MemberDto documents every view of a member, so its fields are optional; an export carries the whole file. */
export class ExportedMemberDto extends MemberDto implements Partial<ExportedMemberFile> {
  @ApiPropertyOptional({ nullable: true, description: 'stage set by a coordinator, with its reason' }) stageOverride?: ExportedMemberFile['stageOverride'];
  @ApiPropertyOptional({ nullable: true, type: String }) nextPath?: ExportedMemberFile['nextPath'];
  @ApiPropertyOptional({ type: [JourneyChangeDto] }) journeyHistory?: JourneyChangeDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'when the member was erased' }) erasedAt?: string | null;
}

export class MemberExportDto implements MemberExport {
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) exportedAt: string;
  @ApiProperty({ type: ExportedMemberDto, description: 'the whole file, history and journey included' }) member: ExportedMemberFile;
  @ApiProperty({ type: [CapeContractDto] }) capeContracts: CapeContractDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object' } },
    example: { interview: [] },
    description: 'every other record keyed by the member, by table (e.g. interview)',
  })
  otherRecords: Record<string, Record<string, unknown>[]>;
}

export class MemberErasureDto implements MemberErasure {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'Membre effacé' }) firstName: string;
  @ApiProperty({ example: '#456789ab', description: 'pseudonym: # and the last 8 hex digits of the id' }) lastName: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) erasedAt: string;
  @ApiProperty({ example: 1, description: 'CAPE contracts kept with their dates (legal retention), free text removed' }) contractsKept: number;
  @ApiProperty({ example: 3, description: 'events of this member in the outbox rewritten: name replaced by the pseudonym, free-text reason emptied' })
  outboxEventsRewritten: number;
}
