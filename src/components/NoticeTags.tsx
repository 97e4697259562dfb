/** A notice's urgency as a tag (重要 amber, 紧急 red; 一般 shows none), and the date helpers of notice pages. */
import { dateTimeText } from '../../core/beijing-time'
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

/** 11月22日 09:30 (this year) or 2025年11月22日 09:30, Beijing time. */
export const noticeTime = (iso: string): string => dateTimeText(iso)
