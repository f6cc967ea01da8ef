import { useEffect, useRef, type MouseEvent } from 'react'
import { View } from '@tarojs/components'
import UCharts, { type UChartsTouchEvent } from '@qiun/ucharts/u-charts.min.js'
import { chartOptions, type ChartOptions, type ChartSpec } from './chartOptions'
import './chart.scss'

/**
 * The browser build's chart: a DOM canvas (Taro H5's <Canvas> has no 2d node to hand uCharts),
 * sized in device pixels and drawn again when its width changes (a page shown after it mounted
 * has no size until then). A tap shows the values under it; a tap on the legend hides a series.
 */
export function Chart({ id, spec, className = '' }: { id: string; spec: ChartSpec; className?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const drawn = useRef<{ chart: UCharts; tooltip: ChartOptions['tooltip'] } | null>(null)
  const specRef = useRef(spec)
  specRef.current = spec
  const key = JSON.stringify(spec)

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return undefined
    let width = 0
    const draw = () => {
      const size = canvas.getBoundingClientRect()
      width = size.width
      if (size.width === 0 || size.height === 0) return
      const context = canvas.getContext('2d')
      if (!context) return
      const pixelRatio = window.devicePixelRatio || 1
      canvas.width = Math.round(size.width * pixelRatio)
      canvas.height = Math.round(size.height * pixelRatio)
      const { options, tooltip } = chartOptions(specRef.current)
      drawn.current = { chart: new UCharts({ ...options, context, width: canvas.width, height: canvas.height, pixelRatio }), tooltip }
    }
    draw()
    if (typeof ResizeObserver === 'undefined') return undefined
    const observer = new ResizeObserver(() => {
      if (canvas.getBoundingClientRect().width !== width) draw()
    })
    observer.observe(canvas)
    return () => observer.disconnect()
  }, [key])

  function tap(event: MouseEvent<HTMLCanvasElement>) {
    const current = drawn.current
    if (!current) return
    const box = event.currentTarget.getBoundingClientRect()
    const touch: UChartsTouchEvent = { changedTouches: [{ x: event.clientX - box.left, y: event.clientY - box.top }] }
    current.chart.touchLegend(touch)
    current.chart.showToolTip(touch, current.tooltip ? { formatter: current.tooltip } : {})
  }

  return (
    <View className={`chart ${className}`} data-testid={`chart-${id}`}>
      <canvas id={id} ref={canvasRef} className='chart__canvas' onClick={tap} />
    </View>
  )
}
