/**
 * 新建服务队 (a grid chief for their grid, community staff for the community): the team's name, what it does, and
 * who leads it — the creator, or a resident picked household by household. The leader becomes its first member
 * and may post activities for the team. Created, it opens 服务队与排行榜.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { RoleTag } from '../../../components/RoleTag'
import { pageUrl } from '../../../routes'
import type { MemberView, RoleView } from '../../../services/grid'
import { ACTIVITY_LIMITS, createTeam } from '../../../services/points'
import { messageOf } from '../../format'
import { Button } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { Choices, Field, TextField } from '../components/FormField'
import { ResidentPicker } from '../components/ResidentPicker'
import { teamCreatorScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'

export default function CreateTeamPage() {
  return (
    <LeaderGate className='app-page manage points-create-team' what='新建服务队' scopeOf={teamCreatorScope}>
      {(scope) => <CreateTeam scope={scope} />}
    </LeaderGate>
  )
}

const LEADS = ['me', 'other'] as const
type Lead = (typeof LEADS)[number]

function CreateTeam({ scope }: { scope: RoleView }) {
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [lead, setLead] = useState<Lead>('me')
  const [leader, setLeader] = useState<MemberView | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const submit = async () => {
    if (!name.trim()) return setError('请填写服务队名称')
    if (lead === 'other' && !leader) return setError('请在下面选择队长')
    setBusy(true)
    setError('')
    try {
      await createTeam({
        name: name.trim(),
        description: description.trim(),
        unitId: scope.unitId,
        ...(lead === 'other' && leader ? { leaderId: leader.id } : {}),
      })
      void Taro.showToast({ title: '已建立', icon: 'success' }).catch(() => undefined)
      await Taro.redirectTo({ url: pageUrl('teams') })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>新建服务队</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-form__label'>所属：{scope.unitName}</Text>
        <TextField
          label='服务队名称'
          inputClass='ct-name'
          placeholder='如：助老服务队'
          maxLength={ACTIVITY_LIMITS.teamName}
          value={name}
          onChange={(v) => {
            setName(v)
            setError('')
          }}
        />
        <Field label='简介（选填）'>
          <Textarea
            className='pm-textarea ct-description'
            placeholder='做什么、什么时候活动'
            maxlength={ACTIVITY_LIMITS.teamDescription}
            value={description}
            onInput={(e) => setDescription(e.detail.value)}
          />
        </Field>
        <Field label='队长'>
          <Choices
            options={LEADS}
            value={lead}
            onChange={(l) => {
              setLead(l)
              setError('')
            }}
            label={(l) => (l === 'me' ? '我自己' : leader ? `居民：${leader.name}` : '选一位居民')}
            chipClass={(l) => `ct-lead ct-lead--${l}`}
          />
        </Field>
        {error ? <Text className='manage-error ct-error'>{error}</Text> : null}
        <View className='pm-field'>
          <Button className='ct-submit' type='primary' block loading={busy} onClick={() => void submit()}>
            建立服务队
          </Button>
        </View>
      </View>
      {lead === 'other' ? (
        <ResidentPicker
          unitId={scope.unitId}
          unitName={scope.unitName}
          title='选择队长'
          chosen={leader?.id ?? null}
          onPick={(m) => {
            setLeader(m)
            setError('')
          }}
        />
      ) : null}
    </View>
  )
}
