import { DependencyStatus, ReadinessReport } from '@kpa/contracts';

/** A dependency the service needs to do its work; `check` throws when it is not usable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
/** Other services whose readiness is reported (the gateway's view of the platform), not required. */
export const SERVICE_PROBES = Symbol('SERVICE_PROBES');

const CHECK_TIMEOUT_MS = 1500;

export async function runChecks(service: string, checks: ReadinessCheck[], shuttingDown: boolean): Promise<ReadinessReport> {
  const results: Record<string, DependencyStatus> = {};
  await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref())]);
        results[name] = { status: 'up' };
      } catch (error) {
        results[name] = { status: 'down', error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  if (shuttingDown) results.shutdown = { status: 'down', error: 'shutting down' };
  const ready = Object.values(results).every((r) => r.status === 'up');
  return { service, status: ready ? 'ready' : 'not_ready', checks: results };
}
