/** The readiness probe carries nothing. */
export type HealthRequest = Record<string, never>;

export interface DependencyStatus {
  status: 'up' | 'down';
  error?: string;
}

export interface ReadinessReport {
  service: string;
  status: 'ready' | 'not_ready';
  /** The service's own dependencies (postgres, nats, redis): all must be up for it to be ready. */
  checks: Record<string, DependencyStatus>;
  /** The gateway only: each service's readiness, reported but not required. */
  services?: Record<string, DependencyStatus>;
}
