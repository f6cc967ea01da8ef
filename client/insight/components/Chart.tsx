import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View, type CommonEventFunction } from '@tarojs/components'
import UCharts, { type UChartsTouchEvent } from '@qiun/ucharts/u-charts.min.js'
import { chartOptions, type ChartOptions, type ChartSpec } from './chartOptions'
import './chart.scss'

/** WeChat's canvas 2d node, as the selector query hands it over. */
interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): unknown
}

/** The first query can come before the page's render reached the view; a few more are tried. */
const QUERY_TRIES = 10
const QUERY_PAUSE_MS = 100

function pixelRatio(): number {
  const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
  return info.pixelRatio || 2
}

/**
 * The mini-program's chart: a `<Canvas type='2d'>`, whose node and size a selector query finds once
 * the page has rendered it; uCharts draws on its context in device pixels. A tap shows the values
 * under it; a tap on the legend hides a series.
 */
export function Chart({ id, spec, className = '' }: { id: string; spec: ChartSpec; className?: string }) {
  const drawn = useRef<{ chart: UCharts; tooltip: ChartOptions['tooltip'] } | null>(null)
  const specRef = useRef(spec)
  specRef.current = spec
  const key = JSON.stringify(spec)

  useEffect(() => {
    let cancelled = false
    let tries = 0
    const find = () => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
          if (cancelled) return
          const found = results?.[0]
          if (!found?.node || !found.width || !found.height) {
            if (++tries < QUERY_TRIES) setTimeout(find, QUERY_PAUSE_MS)
            return
          }
          const ratio = pixelRatio()
          const canvas = found.node
          canvas.width = Math.round(found.width * ratio)
          canvas.height = Math.round(found.height * ratio)
          const { options, tooltip } = chartOptions(specRef.current)
          drawn.current = { chart: new UCharts({ ...options, context: canvas.getContext('2d'), width: canvas.width, height: canvas.height, pixelRatio: ratio }), tooltip }
        })
    }
    Taro.nextTick(find)
    return () => {
      cancelled = true
    }
  }, [id, key])

  const tap: CommonEventFunction = (event) => {
    const current = drawn.current
    // A canvas's touches carry x and y within the canvas.
    const point = (event as unknown as { changedTouches?: Array<{ x: number; y: number }> }).changedTouches?.[0]
    if (!current || !point) return
    const touch: UChartsTouchEvent = { changedTouches: [{ x: point.x, y: point.y }] }
    current.chart.touchLegend(touch)
    current.chart.showToolTip(touch, current.tooltip ? { formatter: current.tooltip } : {})
  }

  return (
    <View className={`chart ${className}`} data-testid={`chart-${id}`}>
      <Canvas type='2d' id={id} className='chart__canvas' onTouchEnd={tap} />
    </View>
  )
}
