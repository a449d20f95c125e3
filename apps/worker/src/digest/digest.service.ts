import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOGGER, Logger, RequestContext } from '@kpa/platform';
import { parisClock } from '../dunning/dunning-schedule';
import { DunningRepository } from '../dunning/dunning.repository';
import { WorkerClock } from '../dunning/worker-clock';
import { DEFAULT_PREFERENCES } from '../notifications/notification-preferences';
import { Notifications } from '../notifications/notifications';
import { digestItems, DigestSources, digestText, newDigest } from './digest';
import { DIGEST_SOURCES, DigestSourcesReader, SiteDigestSources } from './digest-sources';
import { DigestRepository } from './digest.repository';

export interface DigestSweepOutcome {
  /** Coordinators whose digest was due. */
  due: number;
  /** Digests written (in the app, and queued by e-mail unless turned off). */
  written: number;
  /** Coordinators with nothing new today: no digest (never an empty one), the day is done. */
  nothingNew: number;
  /** Done meanwhile by another sweep or worker. */
  taken: number;
  /** Sites whose sources did not answer, and coordinators whose digest failed: retried at the next sweep. */
  failed: number;
}

/** The notification key of a coordinator's digest of one site and day (the user is added to it). */
export function digestKey(siteId: string, day: string): string {
  return `digest:${siteId}:${day}`;
}

/**
 * The coordinators' daily digest (docs/worker.md): at each sweep, every coordinator whose digest hour
 * has come today (Paris) and who has no digest today gets, per site, the new attention items — one
 * transaction each, taking the day under a unique key first, so two workers or a rerun write nothing twice.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DigestRepository,
    private readonly dunning: DunningRepository,
    private readonly notifications: Notifications,
    @Inject(DIGEST_SOURCES) private readonly sources: DigestSourcesReader,
    private readonly clock: WorkerClock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async sweep(now = this.clock.now()): Promise<DigestSweepOutcome> {
    const { date: day, hour } = parisClock(now);
    // Regional by design: the coordinators of every site whose digest is due.
    const due = await RequestContext.acrossSites(() => this.repository.dueCoordinators(this.dataSource.manager, day, hour, DEFAULT_PREFERENCES.digestHour));
    const outcome: DigestSweepOutcome = { due: due.length, written: 0, nothingNew: 0, taken: 0, failed: 0 };
    const bySite = new Map<string, string[]>();
    for (const { siteId, userId } of due) bySite.set(siteId, [...(bySite.get(siteId) ?? []), userId]);
    for (const [siteId, userIds] of bySite) {
      let sources: SiteDigestSources;
      try {
        // Once per site: its coordinators share what the services say of it.
        sources = await this.sources.ofSite(siteId);
      } catch (error) {
        this.logger.warn({ siteId, error: (error as Error).message }, 'digest sources unavailable: the site’s digests wait for the next sweep');
        outcome.failed += userIds.length;
        continue;
      }
      for (const userId of userIds) {
        try {
          const done = await this.digestOf(userId, siteId, day, sources);
          if (done === 'written') outcome.written++;
          else if (done === 'nothing_new') outcome.nothingNew++;
          else outcome.taken++;
        } catch (error) {
          this.logger.warn({ siteId, userId, error: (error as Error).message }, 'digest failed: retried at the next sweep');
          outcome.failed++;
        }
      }
    }
    return outcome;
  }

  private digestOf(userId: string, siteId: string, day: string, site: SiteDigestSources): Promise<'written' | 'nothing_new' | 'taken'> {
    return RequestContext.forSite(siteId, () =>
      this.dataSource.transaction(async (manager) => {
        if (!(await this.repository.claimDay(manager, userId, siteId, day))) return 'taken';
        const drafts = await this.dunning.drafts(manager, siteId);
        const sources: DigestSources = {
          ...site,
          dunningDrafts: drafts.filter((draft) => draft.level === 3).map((draft) => ({ invoiceId: draft.invoiceId, number: draft.number, dueOn: draft.dueOn })),
        };
        const told = await this.repository.told(
          manager,
          userId,
          siteId,
          digestItems(sources, day).map((item) => item.key),
        );
        const sections = newDigest(sources, day, told);
        if (sections.length === 0) return 'nothing_new';
        const fresh = sections.flatMap((section) => section.items.map((item) => item.key));
        await this.notifications.toUser(manager, userId, {
          key: digestKey(siteId, day),
          siteId,
          kind: 'digest',
          content: (language) => ({ ...digestText(sections, sources.siteName, language), link: `/v1/sites/${siteId}/follow-up`, signature: sources.siteName }),
        });
        await this.repository.recordTold(manager, userId, siteId, fresh, day);
        await this.repository.setItems(manager, userId, siteId, day, fresh.length);
        return 'written';
      }),
    );
  }
}
