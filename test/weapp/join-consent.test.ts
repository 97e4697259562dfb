/**
 * 用户隐私保护指引 on the join page, in the compiled weapp (dist/) under miniprogram-simulate: a visitor who has not
 * agreed sees the guide (what is collected, why, who sees it, how to delete it) and no field that collects
 * anything; agreeing through WeChat's agreePrivacyAuthorization button opens the form and is remembered; a privacy
 * API WeChat holds is answered by the same guide; 使用微信绑定的手机号 sends WeChat's code, never a number. And
 * dist/app.json declares the privacy check.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { SimulatedComponent } from 'miniprogram-simulate'
import type { ClaimView, InviteTarget } from '../../core/contract'
import { ok } from '../../core/envelope'
import { PRIVACY_GUIDE } from '../../core/privacy/guide'
import {
  bootApp,
  createWx,
  DIST,
  eventually,
  find,
  none,
  renderPage,
  settle,
  tap,
  text,
  typeInto,
  waitFor,
  type CloudCall,
} from './harness'
import { CONSENT_KEY, inviteTarget } from './fixtures'

const JOIN = 'pages/join/index'

const target: InviteTarget = inviteTarget({ id: 'mg-5', name: '5号楼', level: 'microgrid' })
const pending: ClaimView = {
  id: 'c-1',
  status: 'pending',
  door: '5号楼2单元402',
  household: { id: 'hh-9', name: '5号楼2单元402', level: 'household' },
  name: '赵小燕',
  phone: '13987654321',
  createdAt: '2026-11-22T01:00:00.000Z',
}

/** What WeChat says about the 用户隐私保护指引, the app's storage, and the one listener the app registered. */
let needAuthorization = true
const storage = new Map<string, unknown>()
type Resolve = (o: { event: string; buttonId?: string }) => void
let heldBy: ((resolve: Resolve, info: { referrer: string }) => void) | null = null

const wx = {
  ...createWx((call: CloudCall) => {
    if (call.data.action === 'openInvite') return ok(target)
    if (call.data.action === 'claimHousehold') return ok(pending)
    return ok([])
  }),
  getPrivacySetting: jest.fn((o: { success?: (r: unknown) => void }) =>
    o.success?.({ needAuthorization, privacyContractName: '《网格通用户隐私保护指引》', errMsg: 'ok' }),
  ),
  onNeedPrivacyAuthorization: jest.fn((listener: typeof heldBy) => {
    heldBy = listener
  }),
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
}
const payloads = (action: string) =>
  wx.cloud.callFunction.mock.calls.map(([c]) => c as CloudCall).filter((c) => c.data.action === action)

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  storage.clear()
  needAuthorization = true
})

const COLLECTING = ['.join-entrance', '.join-room', '.join-name', '.join-phone', '.join-phone-get', '.join-submit']
const collects = (page: SimulatedComponent) => COLLECTING.filter((s) => page.querySelector(s))

async function openInvite(): Promise<SimulatedComponent> {
  const page = await renderPage(JOIN, { token: 'tok-abcdef12' })
  await eventually(() => expect(page.dom.textContent).toContain('幸福里第三网格'))
  return page
}

async function agree(page: SimulatedComponent): Promise<void> {
  find(page, '.privacy-guide__agree').dispatchEvent('agreeprivacyauthorization')
  await settle()
}

describe('加入网格 before consent', () => {
  test('shows what is collected, why, who sees it and how to delete it, and collects nothing', async () => {
    const page = await openInvite()
    await waitFor(page, '.privacy-guide')
    const shown = text(page)
    for (const s of PRIVACY_GUIDE.sections) {
      expect(shown).toContain(s.title)
      for (const p of s.paragraphs) expect(shown).toContain(p)
    }
    expect(['我们收集什么', '为什么收集', '谁能看到', '保存多久，怎样删除']).toEqual(
      PRIVACY_GUIDE.sections.map((s) => s.title),
    )
    expect(collects(page)).toEqual([])

    // 不同意: still nothing to fill in, and a word on why
    await tap(page, '.privacy-guide__decline')
    expect(page.dom.textContent).toContain(PRIVACY_GUIDE.declined)
    expect(collects(page)).toEqual([])
    expect(storage.get(CONSENT_KEY)).toBeUndefined()
    page.detach()
  })

  test('agreeing through WeChat’s button opens the form and is remembered for the next visit', async () => {
    const page = await openInvite()
    await waitFor(page, '.privacy-guide')
    await agree(page)
    await eventually(() => expect(collects(page)).toEqual(COLLECTING))
    none(page, '.privacy-guide')
    expect(storage.get(CONSENT_KEY)).toBe(PRIVACY_GUIDE.version)
    page.detach()

    // WeChat now has the agreement too: the next visit goes straight to the form
    needAuthorization = false
    const again = await openInvite()
    await eventually(() => expect(collects(again)).toEqual(COLLECTING))
    none(again, '.privacy-guide')
    again.detach()
  })

  test('asks again when the guide changed, even if WeChat has nothing to ask', async () => {
    needAuthorization = false
    storage.set(CONSENT_KEY, 'an-older-version')
    const page = await openInvite()
    await waitFor(page, '.privacy-guide')
    expect(collects(page)).toEqual([])
    page.detach()
  })

  test('a privacy API WeChat holds is answered by the same guide: agree lets it go on', async () => {
    needAuthorization = false
    storage.set(CONSENT_KEY, PRIVACY_GUIDE.version)
    const page = await openInvite()
    await eventually(() => expect(collects(page)).toEqual(COLLECTING))
    expect(heldBy).toBeTruthy()
    const answers: { event: string; buttonId?: string }[] = []
    heldBy?.((o) => answers.push(o), { referrer: 'getPhoneNumber' })
    await waitFor(page, '.privacy-guide')
    expect(collects(page)).toEqual([])
    await agree(page)
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }])
    await eventually(() => expect(collects(page)).toEqual(COLLECTING))

    // WeChat keeps the listener after the page is gone: held APIs are then refused, never left waiting
    page.detach()
    await settle()
    heldBy?.((o) => answers.push(o), { referrer: 'setClipboardData' })
    expect(answers.at(-1)).toEqual({ event: 'disagree' })
    expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
  })
})

describe('手机号快速验证', () => {
  test('the getPhoneNumber button gives a code that is sent instead of a number; typing stays possible', async () => {
    storage.set(CONSENT_KEY, PRIVACY_GUIDE.version)
    needAuthorization = false
    const page = await openInvite()
    const phoneGet = await waitFor(page, '.join-phone-get')
    // a visitor who refuses WeChat's sheet is told to type
    phoneGet.dispatchEvent('getphonenumber', {
      detail: { errMsg: 'getPhoneNumber:fail user deny' },
    })
    await settle()
    expect(text(page, '.join-error--phone')).toContain('请手动填写')
    find(page, '.join-phone')

    find(page, '.join-phone-get').dispatchEvent('getphonenumber', {
      detail: { errMsg: 'getPhoneNumber:ok', code: 'wx-code-123' },
    })
    await settle()
    none(page, '.join-phone')
    expect(text(page, '.join-phone-wechat')).toContain('微信绑定的手机号')
    await typeInto(page, '.join-entrance', '2')
    await typeInto(page, '.join-room', '402')
    await typeInto(page, '.join-name', '赵小燕')
    await tap(page, '.join-submit')
    await eventually(() => expect(payloads('claimHousehold')).toHaveLength(1))
    const sent = payloads('claimHousehold')[0].data.payload as Record<string, unknown>
    expect(sent).toEqual({
      token: 'tok-abcdef12',
      microgridId: 'mg-5',
      entrance: '2',
      room: '402',
      name: '赵小燕',
      phoneCode: 'wx-code-123',
    })
    // the pending card shows the number the function got from WeChat
    await eventually(() => expect(page.dom.textContent).toContain('13987654321'))
    page.detach()
  })
})

describe('dist/app.json', () => {
  test('turns on WeChat’s privacy check', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as Record<string, unknown>
    expect(app.__usePrivacyCheck__).toBe(true)
  })
})
