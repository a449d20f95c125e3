import { Metrics } from './metrics';

/** The gauges read at scrape time from the probes the health service and the event consumers set. */
describe('Metrics read at scrape time', () => {
  it('kpa_ready and kpa_dependency_up follow the readiness report, the gateway view of the services included', async () => {
    const metrics = new Metrics();
    let calls = 0;
    metrics.readinessProbe = async () => {
      calls++;
      return {
        service: 'gateway',
        status: 'not_ready',
        checks: { nats: { status: 'up' }, postgres: { status: 'down', error: 'refused' } },
        services: { membership: { status: 'up' } },
      };
    };
    const text = await metrics.registry.metrics();
    expect(text).toContain('\nkpa_ready 0\n');
    expect(text).toContain('kpa_dependency_up{dependency="postgres"} 0');
    expect(text).toContain('kpa_dependency_up{dependency="nats"} 1');
    expect(text).toContain('kpa_dependency_up{dependency="membership"} 1');
    expect(calls).toBe(1); // one readiness run for both gauges

    metrics.readinessProbe = async () => ({ service: 'gateway', status: 'ready', checks: { nats: { status: 'up' }, postgres: { status: 'up' } } });
    expect(await metrics.registry.metrics()).toContain('\nkpa_ready 1\n');
  });

  it('the JetStream consumer gauges show each durable consumer, and only those read at this scrape', async () => {
    const metrics = new Metrics();
    let states = [
      { consumer: 'commerce-membership', pending: 12, ackPending: 3, redelivered: 2 },
      { consumer: 'commerce-remuneration', pending: 0, ackPending: 0, redelivered: 0 },
    ];
    metrics.consumerProbe = async () => states;
    const text = await metrics.registry.metrics();
    expect(text).toContain('kpa_event_consumer_pending{consumer="commerce-membership"} 12');
    expect(text).toContain('kpa_event_consumer_ack_pending{consumer="commerce-membership"} 3');
    expect(text).toContain('kpa_event_consumer_redelivered{consumer="commerce-membership"} 2');
    expect(text).toContain('kpa_event_consumer_pending{consumer="commerce-remuneration"} 0');

    states = [{ consumer: 'commerce-remuneration', pending: 1, ackPending: 0, redelivered: 0 }];
    const later = await metrics.registry.metrics();
    expect(later).not.toContain('consumer="commerce-membership"');
    expect(later).toContain('kpa_event_consumer_pending{consumer="commerce-remuneration"} 1');
  });

  it('without probes (a service without consumers) the gauges are empty and the scrape works', async () => {
    const text = await new Metrics().registry.metrics();
    expect(text).toContain('# TYPE kpa_ready gauge');
    expect(text).not.toContain('kpa_event_consumer_pending{');
  });
});
