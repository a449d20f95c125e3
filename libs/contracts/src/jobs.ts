import { QUEUES } from './names';

/**
 * The worker's jobs as one typed union: each job name → its queue and its payload. A job is added
 * with `jobRequest(name, data)` (the payload is checked against its name), and a processor declares
 * its handlers with `JobHandlers<queue>`, which the compiler checks and `assertJobHandlers` checks
 * again at start-up: a queue with a job that has no handler refuses to start.
 *
 * Payloads are small JSON (ids, dates as strings): Postgres holds the facts, a job only says what to
 * (re)derive. Group additions by feature under a `// worker: <feature>` comment.
 */
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Payload of a job that carries nothing: a sweep reads everything from Postgres. */
export type NoPayload = Record<string, never>;

export interface JobPayloads {
  // worker: maintenance
  /** Recurring sweep that re-derives lost jobs from Postgres, the source of truth. */
  'maintenance.sweep': NoPayload;
  // worker: dunning
  /** Records every reminder due as of now (invoice × level, once) and queues a send job for each pending one. */
  'dunning.sweep': NoPayload;
  /** Writes one recorded reminder's e-mail (letter and invoice PDFs) to the outgoing mail, once. */
  'dunning.send': { siteId: string; invoiceId: string; level: 0 | 1 | 2 | 3 };
  // worker: reports
  /** Generates one report (its row in worker.report is the source of truth); job id = report id. */
  'reports.generate': { reportId: string };
  /** Recurring: re-queues every report left queued or running (after a Redis flush). */
  'reports.sweep': NoPayload;
  // worker: mail
  /** Sends the outgoing e-mails that are queued and due (worker.outgoing_mail). */
  'mail.send-due': NoPayload;
  // worker: quotes
  /** Daily at 06:00 Paris and at every worker start: asks commerce to publish every quote expired as of today, once. */
  'quotes.expire-due': NoPayload;
  // worker: digest
  /** Hourly: writes the daily digest of every coordinator whose digest hour has come today (Paris) and who has none yet. */
  'notifications.digest-sweep': NoPayload;
  // worker: e-invoicing
  /** Every EINVOICE_SWEEP_INTERVAL_SECONDS: asks commerce to hand the due e-invoices to the PA and record the statuses it reports. */
  'einvoicing.transmit-due': NoPayload;
}

export type JobName = keyof JobPayloads;

/** The queue of every job (a job runs on exactly one queue). */
export const JOB_QUEUES = {
  // worker: maintenance
  'maintenance.sweep': QUEUES.maintenance,
  // worker: dunning
  'dunning.sweep': QUEUES.dunning,
  'dunning.send': QUEUES.dunning,
  // worker: reports
  'reports.generate': QUEUES.reports,
  'reports.sweep': QUEUES.reports,
  // worker: mail
  'mail.send-due': QUEUES.mail,
  // worker: quotes
  'quotes.expire-due': QUEUES.quotes,
  // worker: digest
  'notifications.digest-sweep': QUEUES.notifications,
  // worker: e-invoicing
  'einvoicing.transmit-due': QUEUES.einvoicing,
} as const satisfies { readonly [N in JobName]: QueueName };

/** Job names, for code that prefers a constant to a string. */
export const JOBS = {
  // worker: maintenance
  sweep: 'maintenance.sweep',
  // worker: reports
  reportGenerate: 'reports.generate',
  reportSweep: 'reports.sweep',
  // worker: mail
  mailSendDue: 'mail.send-due',
  // worker: quotes
  quotesExpireDue: 'quotes.expire-due',
  // worker: e-invoicing
  einvoicingTransmitDue: 'einvoicing.transmit-due',
} as const satisfies Record<string, JobName>;

/** The names of the jobs of queue Q. */
export type JobsOfQueue<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUES)[N] extends Q ? N : never }[JobName];

/** A job to add: its name, its queue and its payload, which fit together. */
export interface JobRequest<N extends JobName = JobName> {
  queue: (typeof JOB_QUEUES)[N];
  name: N;
  data: JobPayloads[N];
}

export function jobRequest<N extends JobName>(name: N, data: JobPayloads[N]): JobRequest<N> {
  return { queue: JOB_QUEUES[name], name, data };
}

export function jobsOfQueue<Q extends QueueName>(queue: Q): JobsOfQueue<Q>[] {
  return (Object.keys(JOB_QUEUES) as JobName[]).filter((name) => JOB_QUEUES[name] === queue) as JobsOfQueue<Q>[];
}

export function isJobOfQueue<Q extends QueueName>(queue: Q, name: string): name is JobsOfQueue<Q> {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUES, name) && JOB_QUEUES[name as JobName] === queue;
}

/** What a handler learns of its job besides the payload. */
export interface JobContext {
  id: string;
  name: string;
  attemptsMade: number;
  /** Reports progress (0–100) to the queue, for jobs that take a while. */
  progress(percent: number): Promise<void>;
}

/** One handler per job of queue Q, typed by its payload. */
export type JobHandlers<Q extends QueueName> = { [N in JobsOfQueue<Q>]: (data: JobPayloads[N], job: JobContext) => Promise<unknown> };

/**
 * Start-up check of a processor: every job of its queue has a handler, and it handles nothing that
 * is not a job of its queue. Throws an error naming what is missing.
 */
export function assertJobHandlers(queue: QueueName, handlers: object): void {
  const declared = new Set(Object.keys(handlers).filter((name) => typeof (handlers as Record<string, unknown>)[name] === 'function'));
  const missing = jobsOfQueue(queue).filter((name) => !declared.has(name));
  const unknown = [...declared].filter((name) => !isJobOfQueue(queue, name));
  const problems = [
    ...(missing.length > 0 ? [`no handler for ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`handlers for jobs that are not on this queue: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length > 0) throw new Error(`Queue "${queue}": ${problems.join('; ')} (libs/contracts/src/jobs.ts)`);
}

/** Start-up check of the worker: every queue has exactly one processor. */
export function assertEveryQueueProcessed(processed: readonly QueueName[]): void {
  const all = Object.values(QUEUES) as QueueName[];
  const missing = all.filter((queue) => !processed.includes(queue));
  const twice = processed.filter((queue, i) => processed.indexOf(queue) !== i);
  if (missing.length > 0) throw new Error(`No processor for queue(s) ${missing.join(', ')}: every queue of QUEUES needs one in the worker`);
  if (twice.length > 0) throw new Error(`Queue(s) ${twice.join(', ')} have more than one processor`);
}
