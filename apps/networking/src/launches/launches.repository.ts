import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccompanimentSession, AccompanimentStatus, DomainError, formatCents, Launch, LaunchStep, parseCents, SiteStatus } from '@kpa/contracts';
import { CompletedStep, LaunchProgress, launchStage, launchStepViews } from './launch-path';

interface LaunchRow {
  site_id: string;
  mentor_site_id: string | null;
  started_at: Date;
  name: string | null;
  city: string | null;
  status: SiteStatus | null;
  mentor_name: string | null;
}

interface SessionRow {
  id: string;
  mentor_site_id: string;
  mentee_site_id: string;
  held_on: string;
  hours: string;
  topic: string;
  status: AccompanimentStatus;
  logged_by: string;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  movement_id: string | null;
  created_at: Date;
}

export interface LaunchRecord {
  siteId: string;
  mentorSiteId: string | null;
  progress: LaunchProgress;
}

function toSession(row: SessionRow): AccompanimentSession {
  return {
    id: row.id,
    mentorSiteId: row.mentor_site_id,
    menteeSiteId: row.mentee_site_id,
    on: row.held_on,
    hours: formatCents(parseCents(row.hours)!),
    topic: row.topic,
    status: row.status,
    loggedBy: row.logged_by,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    movementId: row.movement_id,
    createdAt: row.created_at.toISOString(),
  };
}

const LAUNCH_SELECT = `SELECT l.site_id, l.mentor_site_id, l.started_at, d.name, d.city, d.status, m.name AS mentor_name
  FROM networking.launch l
  LEFT JOIN networking.directory_site d ON d.id = l.site_id
  LEFT JOIN networking.directory_site m ON m.id = l.mentor_site_id`;

const SESSION_SELECT = `SELECT id, mentor_site_id, mentee_site_id, to_char(held_on, 'YYYY-MM-DD') AS held_on, hours, topic, status, logged_by, confirmed_by,
  confirmed_at, movement_id, created_at FROM networking.accompaniment_session`;

/** The launch paths of new KPAs, their steps and their accompaniment sessions (region-wide tables). */
@Injectable()
export class LaunchesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A site reported `in_reflection` starts a launch path (once: a later event changes nothing). */
  async start(siteId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query('INSERT INTO networking.launch (site_id, started_at) VALUES ($1, $2) ON CONFLICT (site_id) DO NOTHING', [siteId, at]);
  }

  /** The launch row-locked with its steps, or undefined for a site not on a launch path. */
  async findForChange(siteId: string, manager: EntityManager): Promise<LaunchRecord | undefined> {
    const rows: { site_id: string; mentor_site_id: string | null }[] = await manager.query('SELECT site_id, mentor_site_id FROM networking.launch WHERE site_id = $1 FOR UPDATE', [
      siteId,
    ]);
    if (rows.length === 0) return undefined;
    return { siteId: rows[0].site_id, mentorSiteId: rows[0].mentor_site_id, progress: await this.progress([siteId], manager).then((all) => all.get(siteId) ?? new Map()) };
  }

  async require(siteId: string, manager: EntityManager): Promise<LaunchRecord> {
    const launch = await this.findForChange(siteId, manager);
    if (!launch) throw new DomainError('LAUNCH_NOT_FOUND', 'This site is not on a launch path: only a site in reflection (a new KPA) has one.', { siteId });
    return launch;
  }

  async insertStep(siteId: string, step: LaunchStep, done: CompletedStep, by: string, at: Date, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO networking.launch_step (site_id, step, completed_on, source, completed_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (site_id, step) DO NOTHING RETURNING step`,
      [siteId, step, done.completedOn, done.source, by, at],
    );
    return rows.length > 0;
  }

  async setMentor(siteId: string, mentorSiteId: string | null, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE networking.launch SET mentor_site_id = $2 WHERE site_id = $1', [siteId, mentorSiteId]);
  }

  /** A site's status as the directory knows it from membership, or undefined for an unknown site. */
  async siteStatus(siteId: string, manager: EntityManager): Promise<SiteStatus | undefined> {
    const rows: { status: SiteStatus }[] = await manager.query('SELECT status FROM networking.directory_site WHERE id = $1', [siteId]);
    return rows[0]?.status;
  }

  private async progress(siteIds: string[], manager: EntityManager): Promise<Map<string, Map<LaunchStep, CompletedStep>>> {
    const rows: { site_id: string; step: LaunchStep; completed_on: string; source: 'manual' | 'event' }[] = await manager.query(
      `SELECT site_id, step, to_char(completed_on, 'YYYY-MM-DD') AS completed_on, source FROM networking.launch_step WHERE site_id = ANY($1::uuid[])`,
      [siteIds],
    );
    const bySite = new Map<string, Map<LaunchStep, CompletedStep>>();
    for (const row of rows) {
      const steps = bySite.get(row.site_id) ?? new Map<LaunchStep, CompletedStep>();
      steps.set(row.step, { completedOn: row.completed_on, source: row.source });
      bySite.set(row.site_id, steps);
    }
    return bySite;
  }

  /** Every launch, newest first: a region has a handful of new KPAs, never a page's worth. */
  async list(siteId?: string, manager: EntityManager = this.dataSource.manager): Promise<Launch[]> {
    const rows: LaunchRow[] = await manager.query(`${LAUNCH_SELECT} ${siteId ? 'WHERE l.site_id = $1' : ''} ORDER BY l.started_at DESC, l.site_id`, siteId ? [siteId] : []);
    const progress = await this.progress(
      rows.map((row) => row.site_id),
      manager,
    );
    return rows.map((row) => {
      const steps = progress.get(row.site_id) ?? new Map<LaunchStep, CompletedStep>();
      return {
        siteId: row.site_id,
        name: row.name ?? '',
        city: row.city ?? '',
        status: row.status ?? 'in_reflection',
        stage: launchStage(steps),
        steps: launchStepViews(steps),
        completedSteps: steps.size,
        totalSteps: launchStepViews(steps).length,
        mentorSiteId: row.mentor_site_id,
        mentorName: row.mentor_name,
        startedAt: row.started_at.toISOString(),
      };
    });
  }

  async get(siteId: string, manager: EntityManager): Promise<Launch> {
    const [launch] = await this.list(siteId, manager);
    if (!launch) throw new DomainError('LAUNCH_NOT_FOUND', 'This site is not on a launch path.', { siteId });
    return launch;
  }

  async insertSession(session: AccompanimentSession, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO networking.accompaniment_session (id, mentor_site_id, mentee_site_id, held_on, hours, topic, status, logged_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [session.id, session.mentorSiteId, session.menteeSiteId, session.on, session.hours, session.topic, session.status, session.loggedBy, session.createdAt],
    );
  }

  /** A session one of whose two sites is `siteId`, row-locked; for another site it does not exist (404). */
  async findSessionForChange(sessionId: string, siteId: string, manager: EntityManager): Promise<AccompanimentSession> {
    const rows: SessionRow[] = await manager.query(`${SESSION_SELECT} WHERE id = $1 AND (mentor_site_id = $2 OR mentee_site_id = $2) FOR UPDATE`, [sessionId, siteId]);
    if (rows.length === 0) throw new DomainError('ACCOMPANIMENT_NOT_FOUND', `No accompaniment session with id ${sessionId} for this site.`, { sessionId });
    return toSession(rows[0]);
  }

  async confirmSession(sessionId: string, by: string, at: Date, movementId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE networking.accompaniment_session SET status = 'confirmed', confirmed_by = $2, confirmed_at = $3, movement_id = $4 WHERE id = $1`, [
      sessionId,
      by,
      at,
      movementId,
    ]);
  }

  async getSession(sessionId: string, manager: EntityManager): Promise<AccompanimentSession> {
    const rows: SessionRow[] = await manager.query(`${SESSION_SELECT} WHERE id = $1`, [sessionId]);
    return toSession(rows[0]);
  }

  async sessionsOf(siteId: string): Promise<AccompanimentSession[]> {
    const rows: SessionRow[] = await this.dataSource.query(`${SESSION_SELECT} WHERE mentor_site_id = $1 OR mentee_site_id = $1 ORDER BY held_on DESC, id LIMIT 500`, [siteId]);
    return rows.map(toSession);
  }
}
