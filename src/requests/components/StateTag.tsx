/** A request's state as a coloured tag (待受理 amber, 处理中 blue, 已办结 green, 已退回 red, the other ends grey),
 * and the 紧急 and 已超时 marks every list shows. */
import { STATE_LABELS, type RequestState } from '../../services/requests'
import { Tag } from '../../ui/nutui'

const COLOURS: Record<RequestState, { background: string; color: string }> = {
  submitted: { background: '#fff4e5', color: '#b45309' },
  processing: { background: '#e8f0fe', color: '#1d4ed8' },
  done: { background: '#e7f6ec', color: '#15803d' },
  rated: { background: '#f2f3f5', color: '#4b5563' },
  closed: { background: '#f2f3f5', color: '#4b5563' },
  returned: { background: '#fdecec', color: '#c8161d' },
  merged: { background: '#f2f3f5', color: '#4b5563' },
  withdrawn: { background: '#f2f3f5', color: '#4b5563' },
}

export function StateTag({ state }: { state: RequestState }) {
  return (
    <Tag className={`request-state request-state--${state}`} {...COLOURS[state]}>
      {STATE_LABELS[state]}
    </Tag>
  )
}

export function UrgentTag() {
  return (
    <Tag className='request-urgent' background='#c8161d' color='#ffffff'>
      紧急
    </Tag>
  )
}

export function OverdueTag() {
  return (
    <Tag className='request-overdue' background='#fdecec' color='#c8161d'>
      已超时
    </Tag>
  )
}
