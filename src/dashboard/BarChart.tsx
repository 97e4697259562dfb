/**
 * A column chart drawn by uCharts (@qiun/ucharts, pinned; used only in this sub-package) on a `canvas type="2d"`.
 * Under Taro the canvas node exists only after the first render, so the chart draws in an effect once the node is
 * found (weapp: a selector query for the node; h5: the <canvas> element Taro renders), and again whenever the data
 * changes — never on an empty first frame. The numbers are also given as text beside it (a chart alone says nothing
 * to a screen reader or a quick look).
 */
import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import UCharts from '@qiun/ucharts'

export interface BarSeries {
  name: string
  data: number[]
  color: string
}

export interface BarChartProps {
  id: string
  categories: string[]
  series: BarSeries[]
  /** a percentage axis (0–100) */
  percent?: boolean
  height?: number
}

interface Node2d {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

function findNode(id: string, done: (node: Node2d, width: number, height: number) => void, missing: () => void): void {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id)
    const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null
    const width = canvas?.clientWidth || host?.clientWidth || 0
    const height = canvas?.clientHeight || host?.clientHeight || 0
    if (canvas && width && height) done(canvas, width, height)
    else missing()
    return
  }
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .fields({ node: true, size: true })
    .exec((res: { node?: Node2d; width: number; height: number }[]) => {
      const r = res?.[0]
      if (r?.node && r.width && r.height) done(r.node, r.width, r.height)
      else missing()
    })
}

export function BarChart({ id, categories, series, percent, height = 200 }: BarChartProps) {
  const key = JSON.stringify([categories, series])
  const drawn = useRef('')
  useEffect(() => {
    let cancelled = false
    let tries = 0
    const draw = () => {
      if (cancelled) return
      findNode(
        id,
        (node, width, h) => {
          if (cancelled) return
          const ratio =
            process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : Taro.getSystemInfoSync().pixelRatio
          node.width = width * ratio
          node.height = h * ratio
          const context = node.getContext('2d')
          new UCharts({
            type: 'column',
            context,
            width: width * ratio,
            height: h * ratio,
            pixelRatio: ratio,
            categories,
            series,
            animation: false,
            background: '#FFFFFF',
            padding: [12, 8, 0, 4],
            fontSize: 11,
            legend: { show: series.length > 1, position: 'top', float: 'right', fontSize: 11 },
            xAxis: { disableGrid: true, fontSize: 10, rotateLabel: categories.length > 4 },
            yAxis: { data: [{ min: 0, ...(percent ? { max: 100 } : {}) }], gridType: 'dash' },
            extra: { column: { type: 'group', width: 14, activeBgColor: '#000000', activeBgOpacity: 0.08 } },
            dataLabel: true,
          })
          drawn.current = key
        },
        // the node may not be laid out on the first frame: look again a few times
        () => {
          if (!cancelled && ++tries < 20) setTimeout(draw, 50)
        },
      )
    }
    draw()
    return () => {
      cancelled = true
    }
  }, [id, key, categories, series, percent])
  return (
    <View className='dash-chart' style={{ height: `${height}px` }}>
      <Canvas
        type='2d'
        id={id}
        canvasId={id}
        className='dash-chart__canvas'
        style={{ width: '100%', height: `${height}px` }}
      />
    </View>
  )
}
