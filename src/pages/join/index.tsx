/**
 * 加入网格: opened from an invite card or QR code (token in the query; a QR code's `scene`), from a
 * bound group chat (no token: the transport sends the group the app was opened from), or from a group binding
 * card (`bind`: binds the group it was opened from, then joins like any group open). Shows the grid and
 * its buildings; the resident picks a building, enters 单元, 房号, name and phone, and submits a claim that
 * waits for the building head or the grid chief. Nothing is collected before the visitor has read and agreed to
 * the privacy guide; in weapp the phone can be WeChat's verified one (getPhoneNumber), typing being the fallback.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button as NativeButton, Text, View, type ButtonProps } from '@tarojs/components'
import { FIELD_LIMITS } from '../../../core/contract/fields'
import { CLAIM_LIMITS } from '../../../core/contract/join'
import { readCardQuery } from '../../../core/join/invite'
import { ClaimStatusTag } from '../../components/ClaimStatusTag'
import { EmptyMark, LoadingState } from '../../components/PageState'
import { PrivacyGuide } from '../../components/PrivacyGuide'
import { usePersonaReady } from '../../hooks/use-persona'
import { usePrivacyConsent } from '../../hooks/use-privacy-consent'
import { useRemote } from '../../hooks/use-remote'
import { toServiceError } from '../../services/errors'
import {
  bindGroup,
  claimHousehold,
  openInvite,
  type ClaimView,
  type GroupView,
  type InviteTarget,
} from '../../services/join'
import { Button, Empty } from '../../ui/nutui'
import { Input } from '../../ui/nutui-form'
import { checkClaim, type ClaimDraft, type ClaimField } from './claim-form'
import { AppPage } from '../../components/AppPage'
import { pageUrl } from '../../routes'
import './index.css'

const HOME = pageUrl('home')

/** The card's query (core/join/invite.ts); a mini-program code carries the join token as `scene` instead. */
function cardQuery(params: Record<string, string | undefined>): { token?: string; bind?: string } {
  const card = readCardQuery(params)
  if (card.token || card.bind || !params.scene) return card
  try {
    return { token: decodeURIComponent(params.scene) }
  } catch {
    return {}
  }
}

/** A binding card opened from its group binds that group first; either way the page then shows the grid. */
async function loadTarget(
  token: string | undefined,
  bind: string | undefined,
): Promise<{ target: InviteTarget; bound: GroupView | null; bindError: string }> {
  let bound: GroupView | null = null
  let bindError = ''
  if (bind) {
    try {
      bound = await bindGroup(bind)
    } catch (e) {
      bindError = toServiceError(e).message
    }
  }
  return { target: await openInvite(token), bound, bindError }
}

export default function JoinPage() {
  return usePersonaReady() ? <Join /> : null
}

function Join() {
  const { token, bind } = cardQuery(useRouter().params)
  const { state, reload } = useRemote(() => loadTarget(token, bind))
  const [claim, setClaim] = useState<ClaimView | null>(null)

  let body
  if (claim) body = <PendingClaim claim={claim} />
  else if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error')
    body = (
      <View className='page-state join-invalid'>
        {!token && state.error.code === 'GROUP_UNKNOWN' ? (
          // Came here without an invite and not from a bound group: say where invites come from.
          <Empty
            image={<EmptyMark glyph='邀' />}
            title='请通过邀请加入'
            description='请打开网格长或楼栋长分享的“加入网格”邀请卡片，或扫描邀请二维码；也可以从所在网格的微信群里打开小程序。'
          />
        ) : (
          <Empty image={<EmptyMark glyph='邀' />} title='无法加入' description={state.error.message} />
        )}
        <View className='page-state__action'>
          <Button fill='outline' type='primary' onClick={() => void reload()}>
            重试
          </Button>
          <Button
            className='join-invalid__claims'
            fill='none'
            onClick={() => void Taro.navigateTo({ url: pageUrl('claims') })}
          >
            我的申请
          </Button>
        </View>
      </View>
    )
  else
    body = (
      <View>
        {state.data.bound ? (
          <View className='card join-bound'>
            <Text className='join-bound__text'>
              本群已绑定到 {state.data.bound.grid.name}，群里打开的卡片都会认出这个网格。
            </Text>
          </View>
        ) : null}
        {state.data.bindError ? (
          <Text className='join-submit-error join-bind-error'>{state.data.bindError}</Text>
        ) : null}
        <ClaimForm target={state.data.target} token={token} onClaimed={setClaim} />
      </View>
    )
  return <AppPage className='join'>{body}</AppPage>
}

const EMPTY_DRAFT: ClaimDraft = { microgridId: '', entrance: '', room: '', name: '', phone: '' }

function ClaimForm({
  target,
  token,
  onClaimed,
}: {
  target: InviteTarget
  token: string | undefined
  onClaimed: (c: ClaimView) => void
}) {
  const { grid, buildings } = target
  // A building's own invite leads to that one building: nothing to pick.
  const [draft, setDraft] = useState<ClaimDraft>({
    ...EMPTY_DRAFT,
    microgridId: buildings.length === 1 ? buildings[0].id : '',
  })
  const [errors, setErrors] = useState<Partial<Record<ClaimField, string>>>({})
  const [submitError, setSubmitError] = useState('')
  const [busy, setBusy] = useState(false)
  const consent = usePrivacyConsent()
  // 手机号快速验证: the code WeChat gave for the user's own number; the function exchanges it
  const [phoneCode, setPhoneCode] = useState('')
  const set = (field: ClaimField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }
  const onPhoneNumber: ButtonProps['onGetPhoneNumber'] = (e) => {
    if (e.detail.code) {
      setPhoneCode(e.detail.code)
      setErrors((x) => ({ ...x, phone: undefined }))
    } else setErrors((x) => ({ ...x, phone: '没有取得微信手机号，请手动填写' }))
  }

  const submit = async () => {
    if (busy) return
    const checked = checkClaim(draft, token, phoneCode || undefined)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setBusy(true)
    setSubmitError('')
    try {
      onClaimed(await claimHousehold(checked.input))
    } catch (e) {
      const error = toServiceError(e)
      // a code is single use: another try needs a new one (or the typed number)
      if (error.code === 'PHONE_CODE_INVALID') setPhoneCode('')
      setSubmitError(error.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card join-grid'>
        <View className='card__head'>
          <Text className='card__title'>{target.via === 'group' ? '本群所属网格' : '邀请你加入'}</Text>
        </View>
        <Text className='join-grid__name'>{grid.name}</Text>
        <Text className='join-grid__path'>{[grid.street.name, grid.community.name, grid.name].join(' · ')}</Text>
      </View>

      {consent.state === 'agreed' ? null : consent.state === 'checking' ? (
        <LoadingState />
      ) : (
        <PrivacyGuide declined={consent.state === 'declined'} onAgree={consent.agree} onDecline={consent.decline} />
      )}
      {consent.state === 'agreed' ? (
        <View>
          <View className='card'>
            <View className='card__head'>
              <Text className='card__title'>选择楼栋</Text>
            </View>
            <View className='join-buildings'>
              {buildings.map((b) => (
                <View
                  key={b.id}
                  className={`join-building ${draft.microgridId === b.id ? 'join-building--active' : ''}`}
                  onClick={() => set('microgridId')(b.id)}
                >
                  <Text>{b.name}</Text>
                </View>
              ))}
            </View>
            {buildings.length === 0 ? <Text className='join-hint'>这个网格还没有登记楼栋，请联系网格长</Text> : null}
            <FieldError field='microgridId' errors={errors} />
          </View>

          <View className='join-fields'>
            <Text className='join-fields__title'>门牌和本人信息</Text>
            <View className='join-fields__box'>
              {TEXT_FIELDS.map((f) => (
                <Field key={f.field} label={f.label} field={f.field} errors={errors}>
                  <Input
                    className={`join-${f.field}`}
                    placeholder={f.placeholder}
                    maxLength={f.maxLength}
                    value={draft[f.field]}
                    onChange={set(f.field)}
                  />
                </Field>
              ))}
              <Field label='手机号' field='phone' errors={errors}>
                {phoneCode ? (
                  <View className='join-phone-wechat'>
                    <Text className='join-phone-wechat__text'>微信绑定的手机号</Text>
                    <Text className='join-phone-wechat__typed' onClick={() => setPhoneCode('')}>
                      改为手动填写
                    </Text>
                  </View>
                ) : (
                  <Input
                    className='join-phone'
                    type='number'
                    placeholder='11 位手机号'
                    maxLength={FIELD_LIMITS.phone}
                    value={draft.phone}
                    onChange={set('phone')}
                  />
                )}
              </Field>
              {process.env.TARO_ENV === 'weapp' && !phoneCode ? (
                <NativeButton className='join-phone-get' openType='getPhoneNumber' onGetPhoneNumber={onPhoneNumber}>
                  使用微信绑定的手机号
                </NativeButton>
              ) : null}
            </View>
          </View>

          <Text className='join-note'>
            提交后，由所在楼栋的楼栋长或网格长核对确认。你的手机号和房号只有你的家人和管辖你的网格干部能看到完整内容。
            <Text className='join-note__guide' onClick={consent.reread}>
              查看隐私保护指引
            </Text>
          </Text>
          {submitError ? <Text className='join-submit-error'>{submitError}</Text> : null}
          <View className='join-actions'>
            <Button className='join-submit' type='primary' block loading={busy} onClick={() => void submit()}>
              提交申请
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** The door and the claimant, typed as people write them (the phone has its own field: WeChat can fill it). */
const TEXT_FIELDS: { field: 'entrance' | 'room' | 'name'; label: string; placeholder: string; maxLength: number }[] = [
  { field: 'entrance', label: '单元', placeholder: '如 2（没有单元填 1）', maxLength: CLAIM_LIMITS.entrance },
  { field: 'room', label: '房号', placeholder: '如 402', maxLength: CLAIM_LIMITS.room },
  { field: 'name', label: '姓名', placeholder: '与户籍或租住登记一致', maxLength: FIELD_LIMITS.name },
]

function Field({
  label,
  field,
  errors,
  children,
}: {
  label: string
  field: ClaimField
  errors: Partial<Record<ClaimField, string>>
  children: React.ReactNode
}) {
  return (
    <View className={`join-field join-field--${field}`}>
      <View className='join-field__row'>
        <Text className='join-field__label'>{label}</Text>
        <View className='join-field__input'>{children}</View>
      </View>
      <FieldError field={field} errors={errors} />
    </View>
  )
}

function FieldError({ field, errors }: { field: ClaimField; errors: Partial<Record<ClaimField, string>> }) {
  const message = errors[field]
  return message ? <Text className={`join-error join-error--${field}`}>{message}</Text> : null
}

/** After submitting: the claim waits; say who decides and what changes once they do. */
function PendingClaim({ claim }: { claim: ClaimView }) {
  return (
    <View className='join-pending'>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>申请已提交</Text>
          <ClaimStatusTag status={claim.status} className='join-pending__status' />
        </View>
        <Text className='join-pending__door'>{claim.door}</Text>
        <Text className='join-pending__who'>
          {claim.name} · {claim.phone}
        </Text>
        <Text className='join-pending__next'>
          接下来：楼栋长或网格长会核对你的门牌和身份，确认后你就加入了这一户，首页会显示你的网格和网格三长。如果没有通过，会在“我的申请”里写明原因。
        </Text>
      </View>
      <View className='join-actions'>
        <Button
          className='join-pending__claims'
          type='primary'
          block
          onClick={() => void Taro.redirectTo({ url: pageUrl('claims') })}
        >
          查看我的申请
        </Button>
        <Button
          className='join-pending__home'
          fill='outline'
          type='primary'
          block
          onClick={() => void Taro.reLaunch({ url: HOME })}
        >
          返回首页
        </Button>
      </View>
    </View>
  )
}
