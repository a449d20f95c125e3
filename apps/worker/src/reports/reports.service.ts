import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  checkPeriod,
  DomainError,
  GetReportRequest,
  isUuid,
  JOBS,
  QUEUES,
  REPORT_COMPLETED_V1,
  REPORT_KINDS,
  ReportFile,
  ReportFileRequest,
  ReportScope,
  ReportView,
  RequestReport,
} from '@kpa/contracts';
import { createEvent, LOGGER, Logger, toCsv, UnitOfWork } from '@kpa/platform';
import { activityFigures, figureRows, figuresSha256, sumPeopleFigures } from './activity-report';
import { renderReportPdf } from './report-pdf';
import { REPORT_SOURCES, ReportSources } from './report-sources';
import { ReportRepository } from './report.repository';

/** A report's job is tried this many times (a crash mid-run restarts it) before the report is marked failed. */
export const REPORT_ATTEMPTS = 3;

/** A period longer than this is refused: funders ask for a year, sometimes a programme of a few. */
const LONGEST_PERIOD_DAYS = 366 * 5;

/** Progress stored at each step of a run (the PDF is the long part). */
const STEPS = { started: 5, people: 30, commerce: 50, remuneration: 65, figures: 70, pdf: 95 } as const;

function sameScope(a: ReportScope, b: ReportScope): boolean {
  if (a.type === 'site' && b.type === 'site') return a.siteId === b.siteId;
  if (a.type === 'host' && b.type === 'host') return a.hostStructureId === b.hostStructureId;
  return a.type === 'region' && b.type === 'region';
}

function checkScope(scope: unknown): ReportScope {
  const candidate = scope as Partial<{ type: string; siteId: unknown; hostStructureId: unknown }> | null;
  if (candidate?.type === 'region') return { type: 'region' };
  if (candidate?.type === 'site' && isUuid(candidate.siteId)) return { type: 'site', siteId: candidate.siteId };
  if (candidate?.type === 'host' && isUuid(candidate.hostStructureId)) return { type: 'host', hostStructureId: candidate.hostStructureId };
  throw new DomainError('VALIDATION_FAILED', 'scope must be "region" or a host structure id.', { field: 'scope' });
}

/**
 * Funders' and network reports: asked for (a row, then a job whose id is the report's), generated
 * as a frozen snapshot (figures, SHA-256, PDF, CSV) exactly once whatever the retries, read back
 * only within the scope it was asked for.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly reports: ReportRepository,
    @Inject(REPORT_SOURCES) private readonly sources: ReportSources,
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async request(request: RequestReport): Promise<ReportView> {
    if (!REPORT_KINDS.includes(request.kind)) throw new DomainError('VALIDATION_FAILED', `kind must be one of ${REPORT_KINDS.join(', ')}.`, { field: 'kind' });
    checkPeriod(request.from, request.to);
    if ((Date.parse(request.to) - Date.parse(request.from)) / 86_400_000 > LONGEST_PERIOD_DAYS) {
      throw new DomainError('VALIDATION_FAILED', 'A report covers at most 5 years: shorten the period.', { field: 'to' });
    }
    const scope = checkScope(request.scope);
    const stored = await this.unitOfWork.run(({ manager }) =>
      this.reports.insert(manager, { id: uuidv7(), kind: request.kind, scope, from: request.from, to: request.to, requestedBy: request.requestedBy }),
    );
    // After the commit: if Redis is down now, the sweep queues it later (the row is the truth).
    await this.enqueue(stored.view.id).catch(() => undefined);
    return stored.view;
  }

  async get({ reportId, allowed }: GetReportRequest): Promise<ReportView> {
    const stored = isUuid(reportId) ? await this.reports.find(this.dataSource.manager, reportId) : undefined;
    const visible = (scope: ReportScope): boolean => (allowed === 'network' ? scope.type !== 'site' : Array.isArray(allowed) && allowed.some((one) => sameScope(one, scope)));
    // Another scope's report reads as unknown: its existence is not the caller's business.
    if (!stored || !visible(stored.view.scope)) throw new DomainError('REPORT_NOT_FOUND', 'No such report here.', { reportId });
    return stored.view;
  }

  async file(request: ReportFileRequest): Promise<ReportFile> {
    const view = await this.get(request);
    if (view.status !== 'done') {
      throw new DomainError('REPORT_NOT_READY', `The report is ${view.status === 'failed' ? 'failed: ask for it again' : `not ready yet (${view.progress} %)`}.`, {
        status: view.status,
      });
    }
    const content = await this.reports.file(this.dataSource.manager, view.id, request.format);
    if (!content) throw new DomainError('REPORT_NOT_READY', 'The report is not ready yet.', { status: view.status });
    const name = `rapport-activite-${view.from}-${view.to}`;
    return request.format === 'pdf'
      ? { filename: `${name}.pdf`, contentType: 'application/pdf', base64: content.toString('base64') }
      : { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', base64: content.toString('base64') };
  }

  /** The job of a report; a second add of the same id while it exists does nothing (BullMQ job ids). */
  async enqueue(reportId: string): Promise<void> {
    await this.queue.add(
      JOBS.reportGenerate,
      { reportId },
      { jobId: reportId, attempts: REPORT_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 1000 },
    );
  }

  /** After a Redis flush or a lost add: every report not finished gets its job back. */
  async requeueUnfinished(): Promise<number> {
    const ids = await this.reports.unfinished(this.dataSource.manager, 1000);
    for (const id of ids) await this.enqueue(id);
    return ids.length;
  }

  /**
   * One run of a report: takes it (a retry after a crash takes it again), asks the services for
   * its figures, freezes them with the PDF and CSV and publishes `worker.report.completed` — once:
   * the final write is conditional, so a run that lost a race changes nothing.
   */
  async generate(reportId: string, onProgress: (percent: number) => Promise<void> = async () => undefined): Promise<'done' | 'finished-before'> {
    const manager = this.dataSource.manager;
    const started = await this.reports.start(manager, reportId);
    if (!started) return 'finished-before';
    const { view } = started;
    const step = async (percent: number): Promise<void> => {
      await this.reports.progress(manager, reportId, percent);
      this.logger.info({ reportId, progress: percent, attempt: started.attempts }, 'report progress');
      await onProgress(percent);
    };
    await step(STEPS.started);

    const { scope, from, to } = view;
    const siteIds = scope.type === 'site' ? [scope.siteId] : scope.type === 'host' ? await this.sources.sitesOfHost(scope.hostStructureId) : undefined;
    // A host's people figures are its sites' added up, suppressed afterwards: hidden cells cannot be added.
    const people =
      scope.type === 'region'
        ? await this.sources.people(undefined, from, to)
        : sumPeopleFigures(await Promise.all((siteIds ?? []).map((siteId) => this.sources.people(siteId, from, to))), from, to);
    await step(STEPS.people);
    const commerce = await this.sources.commerce(siteIds, from, to);
    await step(STEPS.commerce);
    const remuneration = await this.sources.remuneration(siteIds, from, to);
    await step(STEPS.remuneration);

    const hideSmallCounts = scope.type !== 'site';
    const figures = activityFigures({ people, commerce, remuneration }, { hideSmallCounts });
    const sha256 = figuresSha256(figures);
    await step(STEPS.figures);
    const generatedAt = new Date();
    const pdf = await renderReportPdf({
      title: 'Rapport d’activité',
      scopeLabel: await this.sources.scopeLabel(scope),
      from,
      to,
      generatedAt: generatedAt.toISOString(),
      sha256,
      smallCountsHidden: hideSmallCounts,
      figures,
    });
    await step(STEPS.pdf);
    const csv = Buffer.from(toCsv(figureRows(figures)), 'utf8');

    const completed = await this.unitOfWork.run(async ({ manager: tx, publish }) => {
      const won = await this.reports.complete(tx, reportId, { figures, sha256, pdf, csv, at: generatedAt });
      if (won) {
        await publish(
          createEvent(
            REPORT_COMPLETED_V1,
            scope.type === 'site' ? scope.siteId : null,
            { reportId, kind: view.kind, scope, from, to, sha256, completedAt: generatedAt.toISOString() },
            generatedAt,
          ),
        );
      }
      return won;
    });
    if (completed) {
      this.logger.info({ reportId, progress: 100, sha256 }, 'report completed');
      await onProgress(100);
    }
    return completed ? 'done' : 'finished-before';
  }

  /** The last attempt failed: the report says so (and can be asked for again). */
  async markFailed(reportId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.reports.fail(this.dataSource.manager, reportId, `La génération a échoué : ${message}`);
  }
}
