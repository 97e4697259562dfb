/** A tab whose feature is not built yet: says so plainly, shows no made-up data. */
import { Empty } from '../ui/nutui'
import { EmptyMark } from './PageState'
import { AppPage } from './AppPage'

export interface ComingSoonProps {
  /** 通知 / 积分 / 诉求 */
  feature: string
  glyph: string
  /** What the feature will do, in one sentence. */
  description: string
}

export function ComingSoon({ feature, glyph, description }: ComingSoonProps) {
  return (
    <AppPage className='page-state'>
      <Empty image={<EmptyMark glyph={glyph} />} title={`${feature}功能即将上线`} description={description} />
    </AppPage>
  )
}
