/**
 * Jest global setup of the integration and e2e projects (runs once, in the parent process).
 * Uses DATABASE_URL, REDIS_URL and NATS_URL when they are set (CI and developer machines with
 * local services); otherwise starts Postgres, Redis and NATS with testcontainers (needs Docker).
 * Plain JavaScript: jest's moduleNameMapper does not apply here.
 */
module.exports = async function globalSetup() {
  const missing = ['DATABASE_URL', 'REDIS_URL', 'NATS_URL'].filter((name) => !process.env[name]);
  if (missing.length === 0) return;
  const { GenericContainer, Wait } = require('testcontainers');
  const started = [];
  if (!process.env.DATABASE_URL) {
    const pg = await new GenericContainer('postgres:16')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    started.push(pg);
    process.env.DATABASE_URL = `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/test`;
  }
  if (!process.env.REDIS_URL) {
    const redis = await new GenericContainer('redis:7').withCommand(['redis-server', '--maxmemory-policy', 'noeviction']).withExposedPorts(6379).start();
    started.push(redis);
    process.env.REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  }
  if (!process.env.NATS_URL) {
    const nats = await new GenericContainer('nats:2.11').withCommand(['-js']).withExposedPorts(4222).start();
    started.push(nats);
    process.env.NATS_URL = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
  }
  globalThis.__KPA_CONTAINERS__ = started;
};
