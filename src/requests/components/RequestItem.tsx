/**
 * One request in a list (我的诉求, a leader's inbox): category, state, 紧急 and 已超时 marks, the opening of its
 * description, where it is and who handles it now, its deadline, and the last step of its timeline. Tapping it
 * opens its detail page, where the moves are.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { pageUrl } from '../../routes'
import {
  CATEGORY_LABELS,
  REQUEST_LEVEL_LABELS,
  requestTime,
  type RequestLevel,
  type RequestRow,
} from '../../services/requests'
import { OverdueTag, StateTag, UrgentTag } from './StateTag'

/** Who handles it now: 网格 / 社区 / 街道, or the department's own name (城管). */
export const handlerText = (level: RequestLevel, departmentName: string | null): string =>
  level === 'department' && departmentName ? departmentName : REQUEST_LEVEL_LABELS[level]

export function RequestItem({ row }: { row: RequestRow }) {
  const open = () => void Taro.navigateTo({ url: pageUrl('requestDetail', { id: row.id }) })
  return (
    <View className={`request-item request-item--${row.group}`} onClick={open}>
      <View className='request-item__head'>
        <Text className='request-item__category'>{CATEGORY_LABELS[row.category]}</Text>
        <View className='request-item__tags'>
          {row.urgent ? <UrgentTag /> : null}
          {row.overdue ? <OverdueTag /> : null}
          <StateTag state={row.state} />
        </View>
      </View>
      <Text className='request-item__title'>{row.title}</Text>
      <Text className='request-item__meta'>
        {row.placeLabel}
        {row.group === 'open' ? ` · ${handlerText(row.level, row.departmentName)}处理` : ''}
        {row.followerCount > 1 ? ` · ${row.followerCount} 人反映` : ''}
      </Text>
      {row.group === 'open' && row.nextDueAt && !row.overdue ? (
        <Text className='request-item__due'>{requestTime(row.nextDueAt)} 前处理</Text>
      ) : null}
      {row.group === 'resolved' && row.relation === 'reporter' ? (
        <Text className='request-item__rate'>已办结，请评价处理结果</Text>
      ) : null}
      {row.last ? (
        <Text className='request-item__last'>
          {row.last.actorLabel} {row.last.label} · {requestTime(row.last.at)}
        </Text>
      ) : null}
      {row.relation === 'follower' ? <Text className='request-item__relation'>我也遇到了</Text> : null}
    </View>
  )
}
