import { defineEvent } from '../../envelope';
import { ReportKind, ReportScope } from '../../rpc/worker/reports';

/**
 * A report finished: its figures are frozen, its PDF and CSV can be downloaded. Counts and ids
 * only; `sha256` is the hash of its figures (the same period on unchanged data gives the same one).
 */
export interface ReportCompletedV1 {
  reportId: string;
  kind: ReportKind;
  scope: ReportScope;
  from: string;
  to: string;
  sha256: string;
  completedAt: string;
}

/** Stable: funders' tooling may build on it. A breaking change is a v2 published beside it. */
export const REPORT_COMPLETED_V1 = defineEvent<ReportCompletedV1>('worker.report.completed', 1);
