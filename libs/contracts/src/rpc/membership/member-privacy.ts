import { CapeContract } from './cape-contracts';
import { JourneyChange, JourneyStage, NextPath } from './journeys';
import { MemberFile } from './members';

export interface ExportMemberRequest {
  siteId: string;
  memberId: string;
}

/** The member's file as stored: every field, journey fields included. */
export interface ExportedMemberFile extends MemberFile {
  stageOverride: { stage: JourneyStage; reason: string; on: string } | null;
  nextPath: NextPath | null;
  journeyHistory: JourneyChange[];
  /** Set once the member was erased (pseudonymised). */
  erasedAt: string | null;
}

/** Everything membership holds on one person (GDPR right of access and portability). */
export interface MemberExport {
  exportedAt: string;
  member: ExportedMemberFile;
  capeContracts: CapeContract[];
  /** Every other table keyed by member id (e.g. `interview`), by table name, rows as stored. */
  otherRecords: Record<string, Record<string, unknown>[]>;
}

export interface EraseMemberRequest {
  siteId: string;
  memberId: string;
}

export interface MemberErasure {
  memberId: string;
  siteId: string;
  /** The pseudonym now shown in place of the name. */
  firstName: string;
  lastName: string;
  erasedAt: string;
  /** CAPE contracts kept (dates only) for the legal retention of payroll-related records. */
  contractsKept: number;
  /** Rows of membership's outbox about the member rewritten: name replaced by the pseudonym, free-text reason emptied. */
  outboxEventsRewritten: number;
}

/**
 * The largest member file taken at once, in UTF-8 bytes (512 KiB): the request and its report each
 * travel in one NATS message (1 MiB at most). The gateway refuses a bigger one before any call.
 */
export const MEMBER_IMPORT_MAX_FILE_BYTES = 512 * 1024;

export interface ImportMembersRequest {
  siteId: string;
  /** The spreadsheet saved as CSV (UTF-8, `;` or `,`, header line first), at most MEMBER_IMPORT_MAX_FILE_BYTES. */
  csv: string;
  /** Check only: nothing is written. */
  dryRun?: boolean;
}

/** Row numbers are those of the spreadsheet: the header is row 1, the first person row 2. */
export interface ImportedMember {
  row: number;
  /** Absent in a dry run. */
  memberId?: string;
  firstName: string;
  lastName: string;
}

export interface RefusedRow {
  row: number;
  /** The member field that was refused (e.g. `birthDate`), when one is at fault. */
  field?: string;
  /** The spreadsheet column of that field, as written in the header. */
  column?: string;
  message: string;
}

export interface MemberImportReport {
  dryRun: boolean;
  created: ImportedMember[];
  refused: RefusedRow[];
  /** Header columns that were not recognised, hence not imported. */
  ignoredColumns: string[];
}
