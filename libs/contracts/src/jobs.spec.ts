import { assertEveryQueueProcessed, assertJobHandlers, isJobOfQueue, JOB_QUEUES, jobRequest, jobsOfQueue, JobName } from './jobs';
import { QUEUES } from './names';

describe('typed jobs', () => {
  it('gives every job exactly one queue among QUEUES', () => {
    const queues = new Set<string>(Object.values(QUEUES));
    for (const [name, queue] of Object.entries(JOB_QUEUES)) expect([name, queues.has(queue)]).toEqual([name, true]);
  });

  it('lists the jobs of a queue and recognises them by name', () => {
    expect(jobsOfQueue(QUEUES.maintenance)).toContain('maintenance.sweep');
    expect(isJobOfQueue(QUEUES.maintenance, 'maintenance.sweep')).toBe(true);
    expect(isJobOfQueue(QUEUES.maintenance, 'no.such.job')).toBe(false);
    expect(isJobOfQueue(QUEUES.maintenance, 'toString')).toBe(false);
  });

  it('builds a job request on its own queue', () => {
    expect(jobRequest('maintenance.sweep', {})).toEqual({ queue: QUEUES.maintenance, name: 'maintenance.sweep', data: {} });
  });

  it('refuses a processor that lacks the handler of one of its queue’s jobs (start-up fails)', () => {
    expect(() => assertJobHandlers(QUEUES.maintenance, {})).toThrow(/Queue "maintenance": no handler for maintenance\.sweep/);
  });

  it('refuses a processor handling a job that is not on its queue', () => {
    expect(() => assertJobHandlers(QUEUES.maintenance, { 'maintenance.sweep': async () => 1, 'other.job': async () => 1 })).toThrow(
      /handlers for jobs that are not on this queue: other\.job/,
    );
  });

  it('accepts a processor with exactly one handler per job of its queue', () => {
    const handlers = Object.fromEntries(jobsOfQueue(QUEUES.maintenance).map((name: JobName) => [name, async () => undefined]));
    expect(() => assertJobHandlers(QUEUES.maintenance, handlers)).not.toThrow();
  });

  it('refuses a worker with a queue that no processor takes, or that two take', () => {
    expect(() => assertEveryQueueProcessed([])).toThrow(/No processor for queue\(s\) maintenance/);
    expect(() => assertEveryQueueProcessed(Object.values(QUEUES))).not.toThrow();
    expect(() => assertEveryQueueProcessed([...Object.values(QUEUES), QUEUES.maintenance])).toThrow(/more than one processor/);
  });
});
