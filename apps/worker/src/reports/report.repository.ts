import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReportFigure, ReportKind, ReportScope, ReportStatus, ReportView } from '@kpa/contracts';

interface ReportRow {
  id: string;
  kind: ReportKind;
  scope_type: ReportScope['type'];
  site_id: string | null;
  host_structure_id: string | null;
  period_from: string;
  period_to: string;
  requested_by: string;
  status: ReportStatus;
  progress: number;
  attempts: number;
  sha256: string | null;
  error: string | null;
  requested_at: Date;
  completed_at: Date | null;
}

/** A report as the generator needs it: what to count, and whether it is finished. */
export interface StoredReport {
  view: ReportView;
  attempts: number;
}

const COLUMNS = `id, kind, scope_type, site_id, host_structure_id, period_from::text AS period_from, period_to::text AS period_to, requested_by,
  status, progress, attempts, sha256, error, requested_at, completed_at`;

function scopeOf(row: ReportRow): ReportScope {
  if (row.scope_type === 'site') return { type: 'site', siteId: row.site_id as string };
  if (row.scope_type === 'host') return { type: 'host', hostStructureId: row.host_structure_id as string };
  return { type: 'region' };
}

function toStored(row: ReportRow): StoredReport {
  return {
    attempts: row.attempts,
    view: {
      id: row.id,
      kind: row.kind,
      scope: scopeOf(row),
      from: row.period_from,
      to: row.period_to,
      status: row.status,
      progress: row.progress,
      sha256: row.sha256,
      error: row.error,
      requestedAt: row.requested_at.toISOString(),
      completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    },
  };
}

/** All SQL of worker.report. */
@Injectable()
export class ReportRepository {
  async insert(manager: EntityManager, report: { id: string; kind: ReportKind; scope: ReportScope; from: string; to: string; requestedBy: string }): Promise<StoredReport> {
    const { scope } = report;
    const [row] = (await manager.query(
      `INSERT INTO worker.report (id, kind, scope_type, site_id, host_structure_id, period_from, period_to, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        report.id,
        report.kind,
        scope.type,
        scope.type === 'site' ? scope.siteId : null,
        scope.type === 'host' ? scope.hostStructureId : null,
        report.from,
        report.to,
        report.requestedBy,
      ],
    )) as ReportRow[];
    return toStored(row);
  }

  async find(manager: EntityManager, id: string): Promise<StoredReport | undefined> {
    const [row] = (await manager.query(`SELECT ${COLUMNS} FROM worker.report WHERE id = $1`, [id])) as ReportRow[];
    return row ? toStored(row) : undefined;
  }

  /** Takes the report for a run (a retry takes it again); undefined when it is finished or unknown. */
  async start(manager: EntityManager, id: string): Promise<StoredReport | undefined> {
    const [rows] = (await manager.query(
      `UPDATE worker.report SET status = 'running', progress = 0, attempts = attempts + 1, started_at = clock_timestamp(), error = NULL
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [id],
    )) as [ReportRow[], number];
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  async progress(manager: EntityManager, id: string, percent: number): Promise<void> {
    await manager.query(`UPDATE worker.report SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, Math.min(99, Math.max(0, Math.round(percent)))]);
  }

  /** The frozen snapshot, once: false when another run already finished it. */
  async complete(manager: EntityManager, id: string, done: { figures: ReportFigure[]; sha256: string; pdf: Buffer; csv: Buffer; at: Date }): Promise<boolean> {
    const [, count] = (await manager.query(
      `UPDATE worker.report SET status = 'done', progress = 100, figures = $2::jsonb, sha256 = $3, pdf = $4, csv = $5, completed_at = $6
        WHERE id = $1 AND status = 'running'`,
      [id, JSON.stringify(done.figures), done.sha256, done.pdf, done.csv, done.at],
    )) as [unknown, number];
    return count === 1;
  }

  async fail(manager: EntityManager, id: string, error: string): Promise<void> {
    await manager.query(`UPDATE worker.report SET status = 'failed', error = $2 WHERE id = $1 AND status IN ('queued', 'running')`, [id, error.slice(0, 1000)]);
  }

  async file(manager: EntityManager, id: string, format: 'pdf' | 'csv'): Promise<Buffer | null> {
    const [row] = (await manager.query(`SELECT ${format === 'pdf' ? 'pdf' : 'csv'} AS content FROM worker.report WHERE id = $1 AND status = 'done'`, [id])) as {
      content: Buffer;
    }[];
    return row ? row.content : null;
  }

  /** The figures a finished report froze. */
  async figures(manager: EntityManager, id: string): Promise<ReportFigure[] | null> {
    const [row] = (await manager.query(`SELECT figures FROM worker.report WHERE id = $1 AND status = 'done'`, [id])) as { figures: ReportFigure[] }[];
    return row ? row.figures : null;
  }

  /** What a flushed Redis forgot: every report not finished, oldest first. */
  async unfinished(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM worker.report WHERE status IN ('queued', 'running') ORDER BY requested_at LIMIT $1`, [limit])) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
