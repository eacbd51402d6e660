import { useId } from 'react'
import { barWidth } from './dashboard'

export interface Bar {
  key: string
  label: string
  value: number
  /** the value as read: "12名", "1,000,000円" */
  valueText: string
}

const ROW = 28
const BAR_W = 220
const VALUE_W = 130
const FONT = 14

/** Roughly how wide `text` is at FONT px: full-width characters a whole em, others about half. */
export function textWidth(text: string): number {
  let em = 0
  for (const ch of text) em += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55
  return Math.ceil(em * FONT)
}

/**
 * A small horizontal bar chart drawn as inline SVG (no chart library). It is an image with a title; `tableId` names
 * the table beside it that holds the same figures (its text alternative), so a screen reader can go to the numbers.
 */
export function BarChart({ title, bars, tableId }: { title: string; bars: readonly Bar[]; tableId: string }) {
  const titleId = useId()
  const max = Math.max(0, ...bars.map((b) => b.value))
  // the label column as wide as the longest label (within reason), so no label is cut in either language
  const LABEL_W = Math.min(260, Math.max(80, ...bars.map((b) => textWidth(b.label)))) + 12
  const height = bars.length * ROW + 4
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={titleId}
      aria-describedby={tableId}
      viewBox={`0 0 ${LABEL_W + BAR_W + VALUE_W} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{title}</title>
      {bars.map((bar, i) => {
        const y = i * ROW + 2
        const w = barWidth(bar.value, max, BAR_W)
        return (
          <g key={bar.key}>
            <text x={LABEL_W - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="bar-label">
              {bar.label}
            </text>
            <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} rx={2} className="bar" />
            <text x={LABEL_W + w + 6} y={y + ROW / 2} dominantBaseline="middle" className="bar-value">
              {bar.valueText}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
