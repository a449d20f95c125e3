import { CommerceActivityFigures, Figures, RemunerationActivityFigures } from '@kpa/contracts';
import { pdfText } from '@kpa/testing/pdf-text';
import { activityFigures, figuresSha256 } from './activity-report';
import { activityCharts, chartSvg, frenchNumber, shownValue } from './report-charts';
import { renderReportPdf, ReportDocument } from './report-pdf';

const people: Figures = {
  from: '2026-01-01',
  to: '2026-06-30',
  tookPart: 14,
  activeNow: 11,
  underCapeNow: 4,
  joined: 7,
  left: 3,
  leavingOutcomes: { employment: 3 },
  byGender: { female: 8, male: 6 },
  byAgeBand: { '18_21': 10, '22_25': 4 },
  bySituation: { job_seeker: 14 },
  byReferrer: { mission_locale: 9, word_of_mouth: 5 },
  priorityNeighbourhood: { count: 7, of: 14 },
  interviewsHeld: 23,
  smallCountsHidden: false,
};
const commerce: CommerceActivityFigures = {
  from: '2026-01-01',
  to: '2026-06-30',
  revenueByPoleAndMonth: [
    { pole: 'restauration', month: '2026-02', netCents: 123456 },
    { pole: 'conciergerie', month: '2026-02', netCents: 50000 },
    { pole: 'restauration', month: '2026-03', netCents: 80000 },
  ],
  clientsByKind: { company: 6, individual: 2 },
  missionHours: '120.5',
};
const remuneration: RemunerationActivityFigures = { from: '2026-01-01', to: '2026-06-30', contributiveHours: '33.25', distributed: '2500' };

function aReport(hideSmallCounts: boolean): ReportDocument {
  const figures = activityFigures({ people, commerce, remuneration }, { hideSmallCounts });
  return {
    title: 'Rapport d’activité',
    scopeLabel: hideSmallCounts ? 'Région' : 'Site : La Cape',
    from: '2026-01-01',
    to: '2026-06-30',
    generatedAt: '2026-07-02T08:00:00.000Z',
    sha256: figuresSha256(figures),
    smallCountsHidden: hideSmallCounts,
    figures,
  };
}

// Rendering takes about a second alone, several times that when the whole suite shares 2 cores.
jest.setTimeout(60_000);

describe('the report PDF', () => {
  it('is a French A4 document with every chart’s title, its data table and the key figures', async () => {
    const report = aReport(false);
    const pdf = await renderReportPdf(report);
    const read = await pdfText(pdf);
    expect(read.pageSizes[0]).toEqual({ width: 595.28, height: 841.89 });
    const text = read.text.replace(/\s+/g, ' ');
    expect(text).toContain('Rapport d’activité');
    expect(text).toContain('Période : du 1er janvier 2026 au 30 juin 2026');
    for (const chart of activityCharts(report.figures)) expect(text).toContain(chart.title);
    expect(text).toContain('Chiffre d’affaires HT par mois et par pôle d’activité');
    expect(text).toContain('février 2026 — restauration 1 234,56 €');
    expect(text).toContain('Heures de mission 120,50 h');
    expect(text).toContain(report.sha256);
    // The charts' own text (axis titles, labels drawn from the SVG) is there too.
    expect(text).toContain('euros HT');
    expect(text).not.toContain('< 5');
  });

  it('shows small counts hidden in a region report, and says why', async () => {
    const text = (await pdfText(await renderReportPdf(aReport(true)))).text.replace(/\s+/g, ' ');
    expect(text).toContain('Secret statistique');
    expect(text).toContain('22 à 25 ans < 5');
    expect(text).toContain('Particuliers < 5');
    expect(text).toContain('Emploi < 5');
    expect(text).toContain('18 à 21 ans 10');
  });

  it('embeds its fonts, the charts’ included, and gives the same bytes for the same report', async () => {
    const pdf = await renderReportPdf(aReport(true));
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect((await renderReportPdf(aReport(true))).equals(pdf)).toBe(true);
  });
});

describe('the charts', () => {
  it('draws a chart as SVG with Vega-Lite, leaving hidden counts out of the bars', async () => {
    const chart = {
      title: 'Genre',
      unit: 'people' as const,
      rows: [
        { label: 'Femmes', value: 8, shown: '8' },
        { label: 'Hommes', value: null, shown: '< 5' },
      ],
    };
    const svg = await chartSvg(chart, 300);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Femmes');
    expect(svg).not.toContain('Hommes');
  });

  it('writes values the French way', () => {
    expect(frenchNumber('1234.5', 2)).toBe('1\u00a0234,50');
    expect(shownValue({ unit: 'euros', value: '1234.56' })).toBe('1\u00a0234,56\u00a0€');
    expect(shownValue({ unit: 'people', value: null })).toBe('< 5');
  });
});
