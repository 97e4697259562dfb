/** A notice's urgency as a tag (重要 amber, 紧急 red; 一般 shows none), and the date helpers of notice pages. */
import { URGENCY_LABELS, type Urgency } from '../../core/contract'
import { Tag } from '../ui/nutui'

const COLOURS: Record<Exclude<Urgency, 'normal'>, { background: string; color: string }> = {
  important: { background: '#fff4e5', color: '#b45309' },
  urgent: { background: '#c8161d', color: '#ffffff' },
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') return null
  return (
    <Tag className={`notice-urgency notice-urgency--${urgency}`} {...COLOURS[urgency]}>
      {URGENCY_LABELS[urgency]}
    </Tag>
  )
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** 11月22日 09:30 (this year) or 2025年11月22日 09:30, in the device's time zone. */
export function noticeTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const year = d.getFullYear() === new Date().getFullYear() ? '' : `${d.getFullYear()}年`
  return `${year}${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
