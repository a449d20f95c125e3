import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Metrics } from '@kpa/platform';

/**
 * deploy/prometheus/alerts.yml, checked as promtool would (it is not installed here) plus what
 * promtool cannot know: every metric a rule watches is one the services really export.
 */

const ROOT = join(__dirname, '..', '..');
/** Series Prometheus makes itself for each scrape target, not exported by the services. */
const PROMETHEUS_SERIES = ['up'];
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

interface Rule {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, label matchers or durations. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()/g)].map((m) => m[1]).filter((name) => !PROMQL_WORDS.has(name));
  return [...new Set(names)];
}

/** Every series name the services export, from the one Metrics class (histograms as their _bucket, _sum and _count). */
async function exportedSeries(): Promise<Set<string>> {
  const metrics = await new Metrics().registry.getMetricsAsJSON();
  const names = metrics.flatMap(({ name, type }) =>
    String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : String(type) === 'summary' ? [name, `${name}_sum`, `${name}_count`] : [name],
  );
  return new Set([...names, ...PROMETHEUS_SERIES]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.(int-|e2e-)?spec\.ts$/.test(entry) ? [path] : [];
  });
}

const file = parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: { name: string; rules: Rule[] }[] };
const rules = file.groups.flatMap((group) => group.rules.map((rule) => ({ group: group.name, rule })));

describe('deploy/prometheus/alerts.yml', () => {
  it('has groups of rules, each alert named once', () => {
    expect(file.groups.length).toBeGreaterThan(0);
    for (const group of file.groups) {
      expect(group.name).toMatch(/^kpa-[a-z]+$/);
      expect(group.rules.length).toBeGreaterThan(0);
    }
    const names = rules.map(({ rule }) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(rules.map(({ rule }) => [String(rule.alert), rule]))('%s has an expression, a duration, a severity and a summary and description in words', (_name, rule) => {
    expect(rule.alert).toMatch(/^Kpa[A-Z][A-Za-z]+$/);
    expect(typeof rule.expr).toBe('string');
    expect(rule.for).toMatch(/^\d+[smh]$/);
    expect(['critical', 'warning']).toContain(rule.labels?.severity);
    const { summary, description } = rule.annotations ?? {};
    expect(typeof summary).toBe('string');
    expect(typeof description).toBe('string');
    expect((summary as string).split(' ').length).toBeGreaterThanOrEqual(4);
    // A description tells the person on call what happens and where to look: sentences, not a formula.
    expect((description as string).split(' ').length).toBeGreaterThanOrEqual(15);
    expect(description).toMatch(/\.$/);
    for (const text of [summary, description] as string[]) expect(text.match(/\{\{/g)?.length ?? 0).toBe(text.match(/\}\}/g)?.length ?? 0);
  });

  it('watches the outbox, the JetStream consumers, 5xx and 503 answers and the readiness of the services', () => {
    const watched = rules.flatMap(({ rule }) => metricNames(String(rule.expr)));
    expect(watched).toEqual(
      expect.arrayContaining(['kpa_outbox_backlog', 'kpa_event_consumer_pending', 'kpa_event_consumer_redelivered', 'kpa_http_request_duration_seconds_count', 'kpa_ready', 'up']),
    );
    const expressions = rules.map(({ rule }) => String(rule.expr)).join('\n');
    expect(expressions).toContain('status="503"');
    expect(expressions).toContain('status=~"5.."');
  });

  it('reads only metrics the services export', async () => {
    const exported = await exportedSeries();
    const unknown = rules.flatMap(({ rule }) =>
      metricNames(String(rule.expr))
        .filter((name) => !exported.has(name))
        .map((name) => `${String(rule.alert)}: ${name}`),
    );
    expect(unknown).toEqual([]);
    for (const { rule } of rules) expect(metricNames(String(rule.expr)).length).toBeGreaterThan(0);
  });

  it('finds the metric names of an expression (the check above relies on it)', () => {
    expect(metricNames('sum by (job, route) (increase(foo_seconds_count{status=~"5..", route!="a b"}[5m])) / on (job) bar > 0.05')).toEqual(['foo_seconds_count', 'bar']);
    expect(metricNames('max without (instance) (a_total + b) > 0 unless on (consumer) sum by (consumer) (rate(c_total[5m])) > 0')).toEqual(['a_total', 'b', 'c_total']);
    expect(metricNames('up{job=~"kpa-.*"} == 0')).toEqual(['up']);
  });

  it('knows every metric: they are all declared in the Metrics class of the platform', () => {
    const elsewhere = [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))].filter(
      (path) =>
        !path.endsWith(join('metrics', 'metrics.ts')) && /new (Counter|Gauge|Histogram|Summary)\(|^import (?!type )[^;]*from 'prom-client'/m.test(readFileSync(path, 'utf8')),
    );
    expect(elsewhere).toEqual([]);
  });
});
