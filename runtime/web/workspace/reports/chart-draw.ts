// Loaded lazily by ReportChart.vue, so chart.js stays out of the workspace's initial JavaScript.
// Only the pieces the reports use are registered, so the rest of chart.js is left out of the chunk.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** One series of a chart: bars, or a line over the bars. */
export interface ChartSeries {
  label: string;
  data: (number | null)[];
  color: string;
  type?: 'bar' | 'line';
}
/** What a report chart shows; `format` writes a value for tooltips, `tick` for the value axis. */
export interface ChartSpec {
  labels: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  tick: (value: number) => string;
  locale: string;
}

/** Draws a bar (or bar + line) chart on `canvas` in the design system's colours; the caller destroys it. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): Chart {
  const styles = getComputedStyle(document.documentElement);
  const muted = styles.getPropertyValue('--muted').trim() || '#4f5b6b';
  const border = styles.getPropertyValue('--border').trim() || '#c9d0da';
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        type: s.type ?? 'bar',
        label: s.label,
        data: s.data,
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: s.type === 'line' ? 3 : 0,
        pointRadius: 4,
        order: s.type === 'line' ? 0 : 1,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Figures, not a show: no animation (also nothing moving for those who prefer reduced motion).
      animation: false,
      locale: spec.locale,
      color: muted,
      plugins: {
        legend: { position: 'bottom', labels: { color: muted, boxWidth: 14, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${spec.format(Number(ctx.parsed.y))}` } },
      },
      scales: {
        x: { ticks: { color: muted }, grid: { display: false }, border: { color: border } },
        y: {
          beginAtZero: true,
          ticks: { color: muted, maxTicksLimit: 6, callback: (v) => spec.tick(Number(v)) },
          grid: { color: border },
          border: { display: false },
        },
      },
    },
  });
}
