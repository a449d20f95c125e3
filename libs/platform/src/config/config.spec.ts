import { ConfigError, loadConfig, ServiceConfig } from './config';

describe('loadConfig', () => {
  it('uses the local defaults when nothing is set', () => {
    const config = loadConfig(ServiceConfig, {}, { HTTP_PORT: 3101 });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kpa', NATS_URL: 'nats://127.0.0.1:4222', HTTP_PORT: 3101, KPA_NATS_NAMESPACE: 'kpa' });
  });

  it('converts numbers and lets the environment override the defaults', () => {
    const config = loadConfig(ServiceConfig, { HTTP_PORT: '8080', RPC_TIMEOUT_MS: '1500', LOG_LEVEL: 'debug' }, { HTTP_PORT: 3101 });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.RPC_TIMEOUT_MS).toBe(1500);
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('lists one line per problem, naming the variable and what it got', () => {
    try {
      loadConfig(ServiceConfig, { HTTP_PORT: 'eighty', NATS_URL: 'localhost:4222', DATABASE_URL: 'mysql://x' }, {});
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('NATS_URL'))).toContain('"localhost:4222"');
      expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('postgres://');
      expect(problems.find((p) => p.startsWith('HTTP_PORT'))).toBeDefined();
    }
  });
});
