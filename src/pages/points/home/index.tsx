/** 积分: not built yet; the tab says so plainly. */
import { ComingSoon } from '../../../components/ComingSoon'

export default function PointsPage() {
  return <ComingSoon feature='积分' glyph='分' description='参加志愿服务可以获得积分，积分可在商户联盟兑换服务。' />
}
