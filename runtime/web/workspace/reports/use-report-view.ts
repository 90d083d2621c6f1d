import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatMoney, formatNumber } from '../../kit/i18n/format.ts';
import { useSessionStore } from '../../kit/session/store.ts';
import type { ChartSpec } from './chart-draw.ts';
import type { ReportRow } from './ReportTable.vue';
import { durationUnit, formatCompactMoney, formatDuration, formatMonth } from './report-format.ts';
import type { PipelineReport, Sums } from './store.ts';

// Series colours: design tokens, each at least 3:1 against the white chart background.
const AMOUNT_COLOR = '#1f5fbf';
const WEIGHTED_COLOR = '#b35c00';

/**
 * A report as the page shows it: table rows, chart specs and their spoken summaries, every figure in the person's
 * language and the company's currency. Stage labels come from the configuration in the person's language.
 */
export function useReportView(
  report: Ref<PipelineReport | null>,
  stageLabel: (key: string, fallback: string) => string,
  stageColor: (key: string) => string | undefined,
) {
  const { t, locale } = useI18n();
  const session = useSessionStore();
  const currency = computed(() => session.me?.tenant.settings.currency ?? 'EUR');
  const money = (n: number | null) => (n === null ? '' : formatMoney(n, locale.value, currency.value));
  const count = (n: number) => formatNumber(n, locale.value);
  const percent = (share: number | null) =>
    share === null ? t('reports.conversion.none') : formatNumber(share, locale.value, { style: 'percent', maximumFractionDigits: 1 });
  const withAmount = computed(() => report.value?.amountField != null);
  const sumCells = (s: Sums) => (withAmount.value ? [count(s.count), money(s.amount), money(s.weighted)] : [count(s.count)]);

  const stageRows = computed<ReportRow[]>(() =>
    (report.value?.stages ?? []).map((s) => ({
      key: s.stage,
      head: stageLabel(s.stage, s.label),
      color: stageColor(s.stage),
      cells: [percent(s.probability / 100), ...sumCells(s)],
    })),
  );
  // A weighted sum over won and lost deals mixes forecast with results: the total row leaves it out.
  const stageFoot = computed<ReportRow | undefined>(() =>
    report.value
      ? { key: 'total', head: t('reports.col.total'), cells: ['', ...sumCells(report.value.totals).slice(0, 2), ...(withAmount.value ? [''] : [])] }
      : undefined,
  );
  const monthLabel = (m: string | null) => (m === null ? t('reports.months.noDate') : formatMonth(m, locale.value));
  const monthRows = computed<ReportRow[]>(() =>
    (report.value?.months ?? []).map((m) => ({ key: m.month ?? 'none', head: monthLabel(m.month), cells: sumCells(m) })),
  );
  const monthFoot = computed<ReportRow | undefined>(() =>
    report.value ? { key: 'total', head: t('reports.col.total'), cells: sumCells(report.value.totals.open) } : undefined,
  );

  const timeRows = computed<ReportRow[]>(() =>
    (report.value?.timeInStage ?? [])
      .filter((s) => report.value?.stages.find((x) => x.stage === s.stage)?.kind === 'open')
      .map((s) => ({
        key: s.stage,
        head: stageLabel(s.stage, s.label),
        color: stageColor(s.stage),
        cells: [
          s.averageMs === null ? t('reports.time.notYet') : (formatDuration(s.averageMs, locale.value) ?? t('reports.time.underMinute')),
          count(s.basedOn),
        ],
      })),
  );
  const conversionRows = computed<ReportRow[]>(() =>
    (report.value?.conversion ?? []).map((c) => ({
      key: c.stage,
      head: stageLabel(c.stage, c.label),
      color: stageColor(c.stage),
      cells: [count(c.entered), count(c.advanced), percent(c.rate)],
    })),
  );

  /** A chart of amount (bars) and weighted amount (bars or a line) over some labelled groups. */
  function spec(labels: string[], groups: Sums[], weightedAs: 'bar' | 'line'): ChartSpec {
    return {
      labels,
      series: [
        { label: t('reports.col.amount'), data: groups.map((g) => g.amount), color: AMOUNT_COLOR },
        { label: t('reports.col.weighted'), data: groups.map((g) => g.weighted), color: WEIGHTED_COLOR, type: weightedAs },
      ],
      format: (n) => money(n),
      tick: (n) => formatCompactMoney(n, locale.value, currency.value),
      locale: locale.value,
    };
  }
  const spoken = (labels: string[], groups: Sums[]) =>
    labels.map((label, i) => t('reports.stages.point', { label, amount: money(groups[i]!.amount), weighted: money(groups[i]!.weighted) })).join('; ');

  const stageChart = computed(() => {
    const stages = report.value?.stages ?? [];
    const labels = stageRows.value.map((r) => r.head);
    return { spec: spec(labels, stages, 'bar'), summary: t('reports.stages.chart', { summary: spoken(labels, stages) }) };
  });
  const monthChart = computed(() => {
    const months = report.value?.months ?? [];
    const labels = months.map((m) => monthLabel(m.month));
    return { spec: spec(labels, months, 'line'), summary: t('reports.months.chart', { summary: spoken(labels, months) }) };
  });

  /** A one-series bar chart over stages, with its spoken summary (`label: value; …`). */
  function stageBars(
    key: 'time' | 'conversion',
    rows: { stage: string; label: string; value: number | null }[],
    seriesLabel: string,
    format: (n: number) => string,
  ) {
    const labels = rows.map((r) => stageLabel(r.stage, r.label));
    const spec: ChartSpec = {
      labels,
      series: [{ label: seriesLabel, data: rows.map((r) => r.value), color: AMOUNT_COLOR }],
      format,
      tick: format,
      locale: locale.value,
    };
    const points = rows.map((r, i) => `${labels[i]}: ${r.value === null ? t('reports.conversion.none') : format(r.value)}`).join('; ');
    return { spec, summary: t(`reports.${key}.chart`, { summary: points }) };
  }
  const timeChart = computed(() => {
    const open = (report.value?.timeInStage ?? []).filter((s) => report.value?.stages.find((x) => x.stage === s.stage)?.kind === 'open');
    const { unit, size } = durationUnit(Math.max(0, ...open.map((s) => s.averageMs ?? 0)));
    const inUnit = (n: number) => formatNumber(n, locale.value, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
    return stageBars(
      'time',
      open.map((s) => ({ ...s, value: s.averageMs === null ? null : s.averageMs / size })),
      t('reports.time.average'),
      inUnit,
    );
  });
  const conversionChart = computed(() =>
    stageBars(
      'conversion',
      (report.value?.conversion ?? []).map((c) => ({ ...c, value: c.rate })),
      t('reports.conversion.share'),
      (n) => percent(n),
    ),
  );

  const winRate = computed(() => (report.value?.winRate.rate == null ? null : percent(report.value.winRate.rate)));

  return {
    money,
    count,
    withAmount,
    stageRows,
    stageFoot,
    monthRows,
    monthFoot,
    timeRows,
    conversionRows,
    stageChart,
    monthChart,
    timeChart,
    conversionChart,
    winRate,
  };
}
