import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/**
 * Funders' and network reports (docs/worker.md, reports). The row is the source of truth: the
 * BullMQ job (id = report id) only says "generate it"; after a Redis flush the sweep re-queues
 * what is queued or running. A finished report is a frozen snapshot: its figures, their SHA-256,
 * the PDF and the CSV never change.
 */
export class Reports1768200000000 implements MigrationInterface {
  name = 'Reports1768200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE worker.report (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('activity')),
        scope_type text NOT NULL CHECK (scope_type IN ('site', 'host', 'region')),
        -- A site report's site (row-level security shows it to that site's work); null for host and region reports.
        site_id uuid,
        host_structure_id uuid,
        period_from date NOT NULL,
        period_to date NOT NULL,
        requested_by text NOT NULL CHECK (length(requested_by) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        figures jsonb,
        sha256 char(64) CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        pdf bytea,
        csv bytea,
        error text,
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at timestamptz,
        completed_at timestamptz,
        CHECK (period_to >= period_from),
        CHECK ((scope_type = 'site') = (site_id IS NOT NULL)),
        CHECK ((scope_type = 'host') = (host_structure_id IS NOT NULL)),
        CHECK ((status = 'done') = (figures IS NOT NULL AND sha256 IS NOT NULL AND pdf IS NOT NULL AND csv IS NOT NULL AND completed_at IS NOT NULL)),
        CHECK (status = 'done' OR progress < 100)
      )`);
    // The sweep's question after a Redis flush: which reports are not finished?
    await queryRunner.query(`CREATE INDEX report_unfinished_idx ON worker.report (requested_at) WHERE status IN ('queued', 'running')`);
    for (const sql of siteIsolationSql('worker', 'report')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE worker.report');
  }
}
