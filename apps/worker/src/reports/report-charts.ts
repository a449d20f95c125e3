import type { TopLevelSpec } from 'vega-lite';
import { ReportFigure } from '@kpa/contracts';
import { frenchMonth } from './activity-report';

/**
 * The charts of the activity report: which figures each one draws, as a Vega-Lite specification,
 * rendered to SVG by Vega with no canvas and no browser (`renderer: 'none'`). A hidden count (null)
 * is left out of the chart: its bar would show what the table hides. The PDF prints every chart's
 * data, hidden counts included as "< 5", in a table under it.
 */
export interface ChartRow {
  label: string;
  /** The series, for a stacked chart (the activity pole of a month's revenue). */
  series?: string;
  value: number | null;
  /** As the table prints it ("12", "1 500,50 €", "< 5"). */
  shown: string;
}

export interface Chart {
  title: string;
  unit: ReportFigure['unit'];
  rows: ChartRow[];
}

const NBSP = '\u00a0';
const REVENUE_PREFIX = 'economy.revenue.';

/** "1234.5" → "1 234,50" (no-break space between thousands), "12" → "12". */
export function frenchNumber(value: number | string, decimals = 0): string {
  const number = typeof value === 'string' ? Number(value) : value;
  return new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true }).format(number).replace(/[\u202f\u00a0 ]/g, NBSP);
}

/** How the PDF prints a figure's value. */
export function shownValue(figure: Pick<ReportFigure, 'unit' | 'value'>): string {
  if (figure.value === null) return '< 5';
  if (figure.unit === 'euros') return `${frenchNumber(figure.value, 2)}${NBSP}€`;
  if (figure.unit === 'hours') return `${frenchNumber(figure.value, 2)}${NBSP}h`;
  return frenchNumber(figure.value);
}

function numeric(value: ReportFigure['value']): number | null {
  return value === null ? null : Number(value);
}

/** The charts of a report's figures, in the order the PDF shows them; a chart with no figure is left out. */
export function activityCharts(figures: ReportFigure[]): Chart[] {
  const breakdown = (title: string, prefix: string): Chart => {
    const chosen = figures.filter((figure) => figure.id.startsWith(prefix));
    return { title, unit: chosen[0]?.unit ?? 'people', rows: chosen.map((figure) => ({ label: figure.label, value: numeric(figure.value), shown: shownValue(figure) })) };
  };
  const revenue = figures
    .filter((figure) => figure.id.startsWith(REVENUE_PREFIX))
    .map((figure) => {
      // economy.revenue.<pole>.<YYYY-MM>: the pole may hold dots, the month is the last 7 characters.
      const month = figure.id.slice(-7);
      const pole = figure.id.slice(REVENUE_PREFIX.length, -8);
      return { label: frenchMonth(month), month, series: pole, value: numeric(figure.value), shown: shownValue(figure) };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.series.localeCompare(b.series, 'fr'))
    .map(({ label, series, value, shown }) => ({ label, series, value, shown }));
  return [
    breakdown('Personnes accompagnées selon l’âge', 'people.age.'),
    breakdown('Personnes accompagnées selon le genre', 'people.gender.'),
    breakdown('Situation à l’entrée', 'people.situation.'),
    breakdown('Orientation : qui a orienté les personnes', 'people.referrer.'),
    breakdown('Sorties selon leur issue', 'people.exits.'),
    { title: 'Chiffre d’affaires HT par mois et par pôle d’activité', unit: 'euros' as const, rows: revenue },
    breakdown('Clients facturés selon leur nature', 'economy.clients.'),
  ].filter((chart) => chart.rows.length > 0);
}

const AXIS_TITLES: Record<ReportFigure['unit'], string> = { people: 'personnes', interviews: 'entretiens', clients: 'clients', euros: 'euros HT', hours: 'heures' };

/** The Vega-Lite specification of a chart: horizontal bars (long French labels read better), stacked by series when there is one. */
export function chartSpec(chart: Chart, width: number): TopLevelSpec {
  const values = chart.rows.filter((row) => row.value !== null).map((row) => ({ label: row.label, series: row.series ?? '', value: row.value }));
  const stacked = chart.rows.some((row) => row.series !== undefined);
  const order = [...new Set(chart.rows.map((row) => row.label))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height: { step: 16 },
    background: 'white',
    config: {
      font: 'sans-serif',
      axis: { labelFontSize: 9, titleFontSize: 9, labelLimit: 180 },
      legend: { labelFontSize: 9, titleFontSize: 9, orient: 'bottom', labelLimit: 160 },
      view: { stroke: null },
    },
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: order },
      x: { field: 'value', type: 'quantitative', title: AXIS_TITLES[chart.unit], axis: { format: chart.unit === 'euros' ? ',.0f' : ',d', tickMinStep: 1 } },
      ...(stacked ? { color: { field: 'series', type: 'nominal', title: 'Pôle d’activité', scale: { scheme: 'tableau10' } } } : { color: { value: '#2f5d8a' } }),
    },
  };
}

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

// vega and vega-lite are ES modules with top-level await: require() cannot load them, and
// TypeScript's CommonJS output rewrites `import()` into require(). A Function keeps a real dynamic
// import that Node resolves as ESM. Under jest the `import()` is left as it is (jest.config.js,
// ignoreDynamic) and goes through each test file's own module loader: the Function's would bind the
// modules to the first test file's environment and fail in the next one of the same process.
const importEsm: <T>(specifier: string) => Promise<T> = process.env.JEST_WORKER_ID
  ? (specifier) => import(specifier)
  : (new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>);
let loading: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;

async function libraries(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  loading ??= (async () => {
    // One after the other: both import vega-util, and jest's ES module loader fails ("not linked")
    // when two imports link the same module at once.
    const vega = await importEsm<Vega>('vega');
    const vegaLite = await importEsm<VegaLite>('vega-lite');
    // French numbers on the axes: "1 500", decimal comma.
    vega.formatLocale({ decimal: ',', thousands: NBSP, grouping: [3], currency: ['', `${NBSP}€`] });
    return { vega, vegaLite };
  })();
  return loading;
}

/** The chart as SVG (Vega's "none" renderer: no canvas, no browser). */
export async function chartSvg(chart: Chart, width: number): Promise<string> {
  const { vega, vegaLite } = await libraries();
  const compiled = vegaLite.compile(chartSpec(chart, width)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
