/** A claim's status as a coloured tag: 待确认 · 已加入 · 未通过 · 已撤回. */
import type { ClaimStatus } from '../../core/model'
import { Tag } from '../ui/nutui'

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  pending: '待确认',
  approved: '已加入',
  rejected: '未通过',
  withdrawn: '已撤回',
}

const COLOURS: Record<ClaimStatus, { background: string; color: string }> = {
  pending: { background: '#fff4e5', color: '#b45309' },
  approved: { background: '#e7f6ec', color: '#15803d' },
  rejected: { background: '#fdecec', color: '#c8161d' },
  withdrawn: { background: '#f2f3f5', color: '#6b7280' },
}

export function ClaimStatusTag({ status, className }: { status: ClaimStatus; className?: string }) {
  return (
    <Tag className={`claim-status claim-status--${status} ${className ?? ''}`} {...COLOURS[status]}>
      {CLAIM_STATUS_LABELS[status]}
    </Tag>
  )
}
