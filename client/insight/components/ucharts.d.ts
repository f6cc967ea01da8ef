/** uCharts ships plain JavaScript (an ES module); only what the Chart component calls is typed here. */
declare module '@qiun/ucharts/u-charts.min.js' {
  export interface UChartsTouchEvent {
    changedTouches: Array<{ x: number; y: number }>
  }
  export default class UCharts {
    constructor(options: Record<string, unknown>)
    showToolTip(event: UChartsTouchEvent, option?: Record<string, unknown>): void
    touchLegend(event: UChartsTouchEvent): void
  }
}
