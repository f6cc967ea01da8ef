/**
 * What a chart shows, said once for both builds: the Chart component (Chart.tsx in the
 * mini-program, Chart.h5.tsx in the browser) finds a canvas and its size, and hands uCharts these
 * options with the context, the size in device pixels and the pixel ratio.
 */

export const CHART_COLORS = ['#c8963e', '#3b6fb6', '#3ca272', '#e0765a', '#8a6fc2', '#5fb3c6', '#b7bcc6']

export interface ChartSeries {
  name: string
  /** One value per category; null leaves a gap (a day without orders has no average). */
  data: Array<number | null>
  color?: string
  /** The y axis it is read against (0 left, 1 right). */
  axis?: 0 | 1
}

export interface ChartAxis {
  title?: string
  format?: (value: number) => string
}

export type ChartSpec =
  | {
      kind: 'line' | 'column'
      categories: string[]
      series: ChartSeries[]
      /** One axis, or two (left and right) for series of different units. */
      axes?: ChartAxis[]
      /** Values written on the bars. */
      labels?: boolean
      /** How a value reads in the tooltip and on the bars. */
      format?: (value: number, series: number) => string
    }
  | {
      kind: 'ring'
      slices: Array<{ name: string; value: number; color?: string }>
      /** The figure in the hole (a total) and what it counts. */
      centre?: { value: string; label: string }
      format?: (value: number) => string
    }

/** Grid lines above the axis: the top is rounded so that each reads a round figure (0, 20, 40…). */
const Y_SPLITS = 4
/** Some 6 labels along the x axis, whatever the number of days. */
const X_LABELS = 6

export interface ChartOptions {
  options: Record<string, unknown>
  /** The tooltip's words for a tapped slice (a line or bar reads its series' formatter). */
  tooltip?: (item: { name: string; data: number }) => string
}

export function chartOptions(spec: ChartSpec): ChartOptions {
  const common = {
    animation: false,
    background: '#FFFFFF',
    color: CHART_COLORS,
    fontSize: 11,
    fontColor: '#5b6170',
    legend: { show: true, position: 'bottom', float: 'center', fontSize: 11, fontColor: '#5b6170', itemGap: 12, padding: 2, margin: 2 },
  }
  if (spec.kind === 'ring') {
    const format = spec.format ?? String
    const options = {
      ...common,
      type: 'ring',
      padding: [8, 8, 8, 8],
      legend: { ...common.legend, position: 'right', float: 'center' },
      dataLabel: false,
      title: spec.centre ? { name: spec.centre.value, fontSize: 16, color: '#1f2329' } : { name: '' },
      subtitle: spec.centre ? { name: spec.centre.label, fontSize: 11, color: '#8a8f99' } : { name: '' },
      series: [{ data: spec.slices.map((slice, index) => ({ name: slice.name, value: slice.value, color: slice.color ?? CHART_COLORS[index % CHART_COLORS.length] })) }],
      extra: {
        ring: { ringWidth: 22, activeOpacity: 0.5, activeRadius: 6, offsetAngle: -90, labelWidth: 12, border: true, borderWidth: 2, borderColor: '#FFFFFF', centerColor: '#FFFFFF' },
        tooltip: { showBox: true, bgColor: '#1f2329', bgOpacity: 0.85, fontColor: '#FFFFFF' },
      },
    }
    return { options, tooltip: (item) => `${item.name}: ${format(item.data)}` }
  }
  const axes = spec.axes ?? [{}]
  const format = spec.format ?? ((value: number) => String(value))
  const many = spec.categories.length > X_LABELS * 2
  // Bars' labels (¥1001–3000) wider than a bar's share of the width are turned, not overlapped.
  const turned = spec.kind === 'column' && spec.categories.length >= 5 && spec.categories.some((label) => label.length > 5)
  const options = {
    ...common,
    type: spec.kind,
    // One series needs no legend: the card's title says what it is.
    legend: { ...common.legend, show: spec.series.length > 1 },
    padding: [spec.labels ? 20 : 12, axes.length > 1 ? 8 : 14, 4, 4],
    categories: spec.categories,
    series: spec.series.map((series, index) => ({
      name: series.name,
      data: series.data,
      color: series.color ?? CHART_COLORS[index % CHART_COLORS.length],
      index: series.axis ?? 0,
      formatter: (value: number | null) => (value === null ? '暂无' : format(value, index)),
    })),
    dataLabel: spec.labels === true,
    dataPointShape: !many,
    xAxis: {
      disableGrid: true,
      fontSize: 10,
      fontColor: '#8a8f99',
      axisLineColor: '#e3e5e8',
      ...(many ? { labelCount: X_LABELS } : {}),
      ...(turned ? { rotateLabel: true, rotateAngle: 30 } : {}),
      boundaryGap: spec.kind === 'column' ? 'center' : 'justify',
    },
    yAxis: {
      gridType: 'dash',
      dashLength: 3,
      gridColor: '#eef0f3',
      splitNumber: Y_SPLITS,
      showTitle: axes.some((axis) => axis.title),
      data: axes.map((axis, index) => ({
        position: index === 0 ? 'left' : 'right',
        min: 0,
        max: niceMax(spec.series.filter((series) => (series.axis ?? 0) === index).flatMap((series) => series.data)),
        title: axis.title ?? '',
        titleFontSize: 10,
        titleFontColor: '#8a8f99',
        fontSize: 10,
        fontColor: '#8a8f99',
        axisLine: false,
        formatter: (value: number) => (axis.format ?? compactAxis)(value),
      })),
    },
    extra: {
      line: { type: 'straight', width: 2, activeType: 'hollow' },
      column: { type: 'group', width: 22, seriesGap: 2, activeBgColor: '#000000', activeBgOpacity: 0.06, barBorderRadius: [4, 4, 0, 0] },
      tooltip: { showBox: true, bgColor: '#1f2329', bgOpacity: 0.85, fontColor: '#FFFFFF', gridType: 'dash', gridColor: '#c8963e' },
    },
  }
  return { options }
}

/** The axis's top: the smallest round step (1, 1.5, 2, 2.5, 3 … 8 × 10ⁿ) that, four times over, clears every value. */
export function niceMax(values: Array<number | null>): number {
  const known = values.filter((value): value is number => value !== null)
  const most = Math.max(0, ...known)
  if (most === 0) return Y_SPLITS
  // Counts step by whole numbers: no 0.75 人 on the axis.
  const whole = known.every(Number.isInteger)
  const raw = most / Y_SPLITS
  const power = 10 ** Math.floor(Math.log10(raw))
  const step =
    [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10].map((factor) => Number((factor * power).toPrecision(12))).find((candidate) => candidate >= raw && (!whole || Number.isInteger(candidate))) ?? 10 * power
  return Number((step * Y_SPLITS).toPrecision(12))
}

/** An axis's ticks: 1.2万 rather than 12000, where width is short. */
function compactAxis(value: number): string {
  const size = Math.abs(value)
  if (size >= 10_000) return `${Number((value / 10_000).toFixed(1))}万`
  return String(Math.round(value))
}
