/** 通知: not built yet; the tab says so plainly. */
import { ComingSoon } from '../../../components/ComingSoon'

export default function NoticesPage() {
  return (
    <ComingSoon
      feature='通知'
      glyph='通'
      description='网格长、党小组长发布的通知会在这里送达，你可以一键回复“收到”。'
    />
  )
}
