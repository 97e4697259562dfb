/**
 * 花名册: download the empty template, export a community's roster, import a filled-in .xlsx. A refused import
 * (ROSTER_INVALID) wrote nothing; every bad row is listed as 第N行 字段：原因 so staff can fix the file at once.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Issue } from '../../../core/envelope'
import { toServiceError } from '../../services/errors'
import { exportRoster, importRoster, rosterTemplate, type ImportResult } from '../../services/org'
import { messageOf } from '../format'
import { openRoster, pickAndUploadRoster } from '../roster-files'
import { Button } from '../ui'

/** 第12行 手机号：格式不对 — as the spreadsheet numbers its rows. */
export function issueText(issue: Issue): string {
  const where = issue.row !== undefined ? `第${issue.row}行` : ''
  const field = issue.field ? `${where ? ' ' : ''}${issue.field}` : ''
  const head = `${where}${field}`
  return head ? `${head}：${issue.reason}` : issue.reason
}

/** A problem with neither row nor field that the message already ends with (a file that is not a roster). */
const isTheMessage = (issue: Issue, message: string): boolean =>
  issue.row === undefined && issue.field === undefined && message.endsWith(issue.reason)

type Outcome =
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'refused'; message: string; issues: Issue[] }
  | { kind: 'info'; message: string }
  | { kind: 'error'; message: string }

/**
 * `communities`: the ones the roster may be about (组织架构 passes the community open, or at a street the
 * communities listed so far); street staff pick one, community staff work on their own.
 */
export function RosterCard({
  communities,
  onImported,
}: {
  communities: readonly { id: string; name: string }[]
  onImported: () => void
}) {
  const [communityId, setCommunityId] = useState(communities[0]?.id ?? '')
  const [busy, setBusy] = useState<'' | 'template' | 'export' | 'import'>('')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const community = communities.find((c) => c.id === communityId) ?? communities[0]

  const download = async (which: 'template' | 'export') => {
    setBusy(which)
    setOutcome(null)
    try {
      if (which === 'template') {
        await openRoster(await rosterTemplate())
      } else {
        const file = await exportRoster(community.id)
        await openRoster(file)
        setOutcome({ kind: 'info', message: `已导出 ${community.name} 的花名册，共 ${file.rows} 行` })
      }
    } catch (e) {
      setOutcome({ kind: 'error', message: messageOf(e) })
    } finally {
      setBusy('')
    }
  }

  const upload = async () => {
    setBusy('import')
    setOutcome(null)
    try {
      const fileID = await pickAndUploadRoster()
      if (!fileID) return
      const result = await importRoster(community.id, fileID)
      setOutcome({ kind: 'imported', result })
      onImported()
    } catch (e) {
      const err = toServiceError(e)
      setOutcome(
        err.code === 'ROSTER_INVALID'
          ? { kind: 'refused', message: err.message, issues: err.issues }
          : { kind: 'error', message: err.message },
      )
    } finally {
      setBusy('')
    }
  }

  if (!community) return null
  return (
    <View className='card roster'>
      <View className='card__head'>
        <Text className='card__title'>花名册</Text>
        <Text className='card__hint'>楼栋、住户、居民和三长</Text>
      </View>
      {communities.length > 1 ? (
        <View className='unit-chips roster-communities'>
          {communities.map((c) => (
            <View
              key={c.id}
              className={`unit-chip${c.id === community.id ? ' unit-chip--active' : ''}`}
              onClick={() => setCommunityId(c.id)}
            >
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Text className='manage-hint'>
        按模板填写后导入 {community.name}；有任何一行出错时整份表格都不会导入，并列出每一行的问题。
      </Text>
      <View className='roster-actions'>
        <Button
          className='roster-template'
          size='small'
          fill='outline'
          disabled={!!busy}
          onClick={() => void download('template')}
        >
          {busy === 'template' ? '下载中…' : '下载模板'}
        </Button>
        <Button
          className='roster-export'
          size='small'
          fill='outline'
          disabled={!!busy}
          onClick={() => void download('export')}
        >
          {busy === 'export' ? '导出中…' : '导出'}
        </Button>
        <Button className='roster-import' size='small' type='primary' disabled={!!busy} onClick={() => void upload()}>
          {busy === 'import' ? '导入中…' : '导入 .xlsx'}
        </Button>
      </View>
      {outcome?.kind === 'imported' ? (
        <View className='manage-message roster-result'>
          <Text className='roster-result__line'>导入成功</Text>
          <Text className='roster-result__line'>
            网格 {outcome.result.grids} 个 · 楼栋 {outcome.result.buildings} 栋 · 住户 {outcome.result.households} 户 ·
            居民 {outcome.result.residents} 人 · 三长 {outcome.result.heads} 人
          </Text>
        </View>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <View className='roster-issues'>
          {/* The message already counts the problems (共 9 处问题) or, for one, names it: say each once. */}
          <Text className='manage-error roster-issues__message'>{outcome.message}</Text>
          {outcome.issues
            .filter((i) => !isTheMessage(i, outcome.message))
            .map((i, n) => (
              <Text className='roster-issue' key={`${i.row ?? ''}-${i.field ?? ''}-${n}`}>
                {issueText(i)}
              </Text>
            ))}
        </View>
      ) : null}
      {outcome?.kind === 'info' ? <Text className='manage-message'>{outcome.message}</Text> : null}
      {outcome?.kind === 'error' ? <Text className='manage-error'>{outcome.message}</Text> : null}
    </View>
  )
}
