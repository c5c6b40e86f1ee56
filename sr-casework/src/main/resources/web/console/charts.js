// The charts a support manager looks at: SRs opened per day by product and first-response targets met per day, from
// GET /reports/sla (its byDay part). Chart.js comes from the shell's shared copy (/ui/lib/); each chart has its
// figures as a table too, for screen readers and for reading exact numbers.
const DAYS = [7, 30, 90];
const PALETTE = ['#1f5fa8', '#e07b00', '#2a9d5b', '#8e44ad', '#c0392b', '#16a0b5', '#7f8c8d'];

/** Chart.js, loaded once from the platform's own files (a script element: the CSP allows 'self'). */
export function chartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!window.srChartLoading) {
    window.srChartLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/ui/lib/chart.umd.min.js';
      script.addEventListener('load', () => resolve(window.Chart));
      script.addEventListener('error', () => reject(new Error('Chart.js could not be loaded')));
      document.head.append(script);
    });
  }
  return window.srChartLoading;
}

/** A chart in a figure with a caption, its canvas described for screen readers, and its data as a table. */
export function chartFigure(ui, id, title, columns, rows) {
  const { h, t } = ui;
  const canvas = h('canvas', { id, role: 'img', 'aria-label': title });
  return {
    canvas,
    figure: h('figure', { class: 'card chart' }, h('figcaption', {}, h('h2', {}, title)), h('div', { class: 'chart-box' }, canvas),
      h('details', {}, h('summary', {}, t('console.charts.asTable')),
        h('table', { 'data-chart': id }, h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows.map(r => h('tr', {}, r.map((v, i) => (i === 0 ? h('th', { scope: 'row' }, v) : h('td', {}, v))))))))),
  };
}

export function colour(i) {
  return PALETTE[i % PALETTE.length];
}

export async function chartsPage(ui, container, query) {
  const { h, t } = ui;
  const days = DAYS.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  container.append(h('h1', {}, t('console.charts.title')),
    h('nav', { class: 'pager', 'aria-label': t('console.charts.period') }, h('span', {}, t('console.charts.period')),
      DAYS.map(d => h('a', { href: `#/console/charts?days=${d}`, class: d === days ? 'button' : 'button secondary',
        'aria-current': d === days ? 'true' : null }, t('console.charts.days', { days: d })))));
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400000);
  let report;
  try {
    [report] = await Promise.all([ui.api.get(`reports/sla?from=${from.toISOString()}&to=${to.toISOString()}`), chartJs()]);
  } catch (e) {
    container.append(ui.problem(e));
    return undefined;
  }
  const Chart = window.Chart;
  // Every day of the period, the days without SRs as zeros, so that the bars are a true time axis.
  const given = new Map((report.byDay || []).map(d => [d.day, d]));
  const empty = day => ({ day, total: { opened: 0, met: 0, missed: 0, pending: 0 }, byProduct: [] });
  const byDay = [];
  for (let d = new Date(`${from.toISOString().slice(0, 10)}T00:00:00Z`); d <= to; d = new Date(d.getTime() + 86400000)) {
    const day = d.toISOString().slice(0, 10);
    byDay.push(given.get(day) || empty(day));
  }
  const products = [...new Set(byDay.flatMap(d => d.byProduct.map(p => p.key)))].sort();
  const labels = byDay.map(d => d.day);
  const charts = [];

  const total = report.total;
  container.append(h('section', { class: 'card', id: 'sla-summary' }, h('h2', {}, t('console.charts.summary')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('console.charts.opened')), h('dd', {}, String(total.opened)),
      h('dt', {}, t('console.charts.met')), h('dd', {}, String(total.met)),
      h('dt', {}, t('console.charts.missed')), h('dd', {}, String(total.missed)),
      h('dt', {}, t('console.charts.pending')), h('dd', {}, String(total.pending)),
      h('dt', {}, t('console.charts.metShare')), h('dd', {}, total.metShare == null ? '–' : `${Math.round(total.metShare * 100)} %`),
      h('dt', {}, t('console.charts.median')), h('dd', {}, total.medianSecondsToFirstResponse == null ? '–'
        : t('console.charts.minutes', { minutes: Math.round(total.medianSecondsToFirstResponse / 60) })))));
  if (given.size === 0) {
    container.append(h('p', { class: 'muted', id: 'charts-empty' }, t('console.charts.none')));
    return undefined;
  }

  const count = (d, p) => (d.byProduct.find(x => x.key === p) || { opened: 0 }).opened;
  const opened = chartFigure(ui, 'chart-opened', t('console.charts.openedPerDay'), [t('console.charts.day'), ...products],
    byDay.filter(d => d.total.opened > 0).map(d => [d.day, ...products.map(p => String(count(d, p)))]));
  const met = chartFigure(ui, 'chart-met', t('console.charts.metPerDay'),
    [t('console.charts.day'), t('console.charts.met'), t('console.charts.missed'), t('console.charts.pending')],
    byDay.filter(d => d.total.opened > 0).map(d => [d.day, String(d.total.met), String(d.total.missed), String(d.total.pending)]));
  container.append(opened.figure, met.figure);
  const common = { responsive: true, maintainAspectRatio: false, animation: false, datasets: { bar: { maxBarThickness: 40 } },
    scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } };
  charts.push(new Chart(opened.canvas, { type: 'bar', options: common,
    data: { labels, datasets: products.map((p, i) => ({ label: p, data: byDay.map(d => count(d, p)), backgroundColor: colour(i) })) } }));
  charts.push(new Chart(met.canvas, { type: 'bar', options: common,
    data: { labels, datasets: [
      { label: t('console.charts.met'), data: byDay.map(d => d.total.met), backgroundColor: '#2a9d5b' },
      { label: t('console.charts.missed'), data: byDay.map(d => d.total.missed), backgroundColor: '#c0392b' },
      { label: t('console.charts.pending'), data: byDay.map(d => d.total.pending), backgroundColor: '#b0b8c4' }] } }));
  return () => charts.forEach(c => c.destroy());
}
