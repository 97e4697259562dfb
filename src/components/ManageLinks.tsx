/** Entries to the leader pages (sub-package manage/), only those the person's roles may use. */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { manageEntries, type RoleView } from '../services/grid'
import { Cell, CellGroup } from '../ui/nutui'
import './ManageLinks.css'

/** `inset`: standing alone on a page (首页), with the cards' margins. */
export function ManageLinks({ roles, title, inset }: { roles: RoleView[]; title: string; inset?: boolean }) {
  const entries = manageEntries(roles)
  if (!entries.length) return null
  return (
    <View className={inset ? 'manage-links manage-links--inset' : 'manage-links'}>
      <CellGroup title={title}>
        {entries.map((e) => (
          <Cell
            key={e.key}
            className={`manage-link manage-link--${e.key}`}
            title={e.title}
            description={e.description}
            extra='›'
            clickable
            onClick={() => void Taro.navigateTo({ url: e.url })}
          />
        ))}
      </CellGroup>
    </View>
  )
}
