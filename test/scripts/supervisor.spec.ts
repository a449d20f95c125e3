import { join } from 'node:path';

/**
 * The supervisor of `npm start` with small real child processes instead of the built apps: a
 * child that dies is started again after a growing delay while the others run on, and stopping
 * cancels what is pending and ends every child.
 */

interface ServiceSpec {
  name: string;
  port: number;
  args: string[];
}
interface Supervisor extends NodeJS.EventEmitter {
  start(service: ServiceSpec): void;
  keepAlive(): void;
  stop(): void;
  signalAll(signal: NodeJS.Signals): void;
  allExited(): Promise<void>;
  running(): { service: ServiceSpec; child: { pid: number } }[];
}
type SupervisorClass = new (options: {
  root: string;
  env: NodeJS.ProcessEnv;
  onLine: (service: string, line: string) => void;
  restartPolicy?: { initialDelayMs: number; maxDelayMs: number; resetAfterMs: number };
}) => Supervisor;

const { Supervisor, restartDelay, RESTART_POLICY } = require(join(__dirname, '..', '..', 'scripts', 'lib', 'services.js')) as {
  Supervisor: SupervisorClass;
  restartDelay: (attempt: number, policy?: { initialDelayMs: number; maxDelayMs: number }) => number;
  RESTART_POLICY: { initialDelayMs: number; maxDelayMs: number; resetAfterMs: number };
};

const FAST = { initialDelayMs: 100, maxDelayMs: 400, resetAfterMs: 60_000 };
/** Says it started, then dies after `ms` with exit code 3. */
const crashing = (name: string, ms: number): ServiceSpec => ({ name, port: 0, args: ['-e', `console.log('up'); setTimeout(() => process.exit(3), ${ms})`] });
/** Runs until signalled. */
const steady = (name: string): ServiceSpec => ({ name, port: 0, args: ['-e', `console.log('up'); setInterval(() => {}, 1000)`] });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function untilEvents<T extends unknown[]>(emitter: NodeJS.EventEmitter, event: string, count: number): Promise<T[]> {
  const seen: T[] = [];
  return new Promise((resolve) => {
    const listener = (...args: T) => {
      seen.push(args);
      if (seen.length === count) {
        emitter.off(event, listener as never);
        resolve(seen);
      }
    };
    emitter.on(event, listener as never);
  });
}

describe('Supervisor of npm start', () => {
  let supervisor: Supervisor | undefined;
  const lines: string[] = [];

  function supervise(restartPolicy = FAST): Supervisor {
    supervisor = new Supervisor({ root: process.cwd(), env: process.env, onLine: (service, line) => lines.push(`${service}: ${line}`), restartPolicy });
    return supervisor;
  }

  afterEach(async () => {
    supervisor?.stop();
    supervisor?.signalAll('SIGKILL');
    await supervisor?.allExited();
    supervisor = undefined;
    lines.length = 0;
  });

  it('waits 1 s, 2 s, 4 s… at most 30 s between restarts', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => restartDelay(attempt))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(RESTART_POLICY.resetAfterMs).toBe(60_000);
  });

  it('restarts a child that dies, with a growing delay, and leaves the others running', async () => {
    const s = supervise();
    s.keepAlive();
    s.start(steady('gateway'));
    s.start(crashing('membership', 50));
    const gatewayPid = s.running().find((r) => r.service.name === 'gateway')!.child.pid;
    const restarting = untilEvents<[ServiceSpec, number | null, string | null, number, number]>(s, 'restarting', 4);
    const startedAt: number[] = [Date.now()];
    s.on('restarted', () => startedAt.push(Date.now()));

    const events = await restarting;
    expect(events.map(([service, code, signal, delayMs, attempt]) => ({ name: service.name, code, signal, delayMs, attempt }))).toEqual([
      { name: 'membership', code: 3, signal: null, delayMs: 100, attempt: 1 },
      { name: 'membership', code: 3, signal: null, delayMs: 200, attempt: 2 },
      { name: 'membership', code: 3, signal: null, delayMs: 400, attempt: 3 },
      { name: 'membership', code: 3, signal: null, delayMs: 400, attempt: 4 },
    ]);
    // Each start came at least its delay (plus the 50 ms the child lived) after the previous one.
    const gaps = startedAt.slice(1).map((at, i) => at - startedAt[i]);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    gaps.slice(0, 3).forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual([100, 200, 400][i] + 50));
    expect(lines.filter((line) => line === 'membership: up').length).toBeGreaterThanOrEqual(4);
    // The gateway was never touched.
    const gateway = s.running().find((r) => r.service.name === 'gateway')!;
    expect(gateway.child.pid).toBe(gatewayPid);
    expect(alive(gatewayPid)).toBe(true);
    expect(lines.filter((line) => line === 'gateway: up')).toHaveLength(1);
  });

  it('a child killed by a signal is restarted too, and a run longer than resetAfterMs starts the delays again', async () => {
    const s = supervise({ initialDelayMs: 100, maxDelayMs: 400, resetAfterMs: 200 });
    s.keepAlive();
    s.start(crashing('commerce', 300)); // outlives resetAfterMs each time
    const events = await untilEvents<[ServiceSpec, number | null, string | null, number, number]>(s, 'restarting', 3);
    expect(events.map(([, , , delayMs, attempt]) => [delayMs, attempt])).toEqual([
      [100, 1],
      [100, 1],
      [100, 1],
    ]);

    const killed = untilEvents<[ServiceSpec, number | null, string | null, number, number]>(s, 'restarting', 1);
    await untilEvents(s, 'restarted', 1);
    const pid = s.running()[0].child.pid;
    process.kill(pid, 'SIGKILL');
    const [[service, code, signal]] = await killed;
    expect({ name: service.name, code, signal }).toEqual({ name: 'commerce', code: null, signal: 'SIGKILL' });
  });

  it('during start-up (before keepAlive) a child that exits is not restarted', async () => {
    const s = supervise();
    const restarted = jest.fn();
    s.on('restarting', restarted);
    const exited = untilEvents<[ServiceSpec, number | null]>(s, 'exit', 1);
    s.start(crashing('remuneration', 10));
    const [[service, code]] = await exited;
    expect([service.name, code]).toEqual(['remuneration', 3]);
    await new Promise((resolve) => setTimeout(resolve, FAST.initialDelayMs * 3));
    expect(restarted).not.toHaveBeenCalled();
    expect(s.running()).toEqual([]);
  });

  it('stop() cancels a pending restart and SIGTERM ends every child', async () => {
    const s = supervise({ initialDelayMs: 500, maxDelayMs: 500, resetAfterMs: 60_000 });
    s.keepAlive();
    s.start(steady('gateway'));
    s.start(steady('networking'));
    s.start(crashing('worker', 10));
    await untilEvents(s, 'restarting', 1); // the worker's restart is now pending
    const pids = s.running().map((r) => r.child.pid);
    expect(pids).toHaveLength(2);
    const restarted = jest.fn();
    s.on('restarted', restarted);

    s.stop();
    s.signalAll('SIGTERM');
    await s.allExited();
    expect(pids.filter(alive)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 700)); // past the cancelled restart
    expect(restarted).not.toHaveBeenCalled();
    expect(s.running()).toEqual([]);
  });
});
