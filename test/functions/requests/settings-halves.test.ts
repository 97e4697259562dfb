/**
 * The two halves of the request settings, through the real wx-server-sdk against the local cloud over the demo:
 * what requests.settings says a caller may edit (`editable`, which the settings page offers) is exactly what
 * requests.updateSettings accepts from them. Community staff edit their community's half and not the street's;
 * street staff the street's and not a community's under it (the settings page once offered them that half); a
 * refused half is refused with FORBIDDEN and writes nothing (no settings, no audit entry).
 */
import type { SettingsView } from '../../../core/contract/requests'
import type { AuditDoc, PersonDoc, RequestSettingsDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { personaPerson } from '../../demo'
import { exactly } from '../harness/functions-cloud'
import { startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(180_000)

let g: RequestsCloud
let staff: PersonDoc
let street: PersonDoc
let chief: PersonDoc
let dept: PersonDoc
let gridId: string
let communityId: string
let streetId: string

/** The stored settings and the audit entries of settings changes: what a refusal must leave as it was. */
const written = async () => {
  const held = await g.collections(['requestSettings', 'audit'])
  return {
    settings: (held.requestSettings as RequestSettingsDoc[]).sort((a, b) => (a._id < b._id ? -1 : 1)),
    audit: (held.audit as AuditDoc[]).filter((a) => a.action === 'requests.updateSettings').length,
  }
}

const HALVES = {
  community: () => ({ scope: 'community', unitId: communityId, urgentHours: 3 }),
  street: () => ({ scope: 'street', unitId: streetId, holidays: ['2027-02-17'] }),
} as const

beforeAll(async () => {
  g = await startRequestsCloud()
  const resident = personaPerson(g.demo, 'resident')
  gridId = ancestorAt(resident.homePath as string, 'grid') as string
  communityId = ancestorAt(resident.homePath as string, 'community') as string
  streetId = ancestorAt(resident.homePath as string, 'street') as string
  staff = personaPerson(g.demo, 'communityStaff')
  street = personaPerson(g.demo, 'streetStaff')
  dept = personaPerson(g.demo, 'department')
  chief = g.holder('gridChief', gridId)
})
afterAll(async () => {
  await g?.close()
})

describe('what the view offers is what the update accepts', () => {
  it.each([
    ['community staff', () => staff, { community: true, street: false }],
    ['street staff', () => street, { community: false, street: true }],
    ['a grid chief', () => chief, { community: false, street: false }],
    ['城管', () => dept, { community: false, street: false }],
  ])('%s', async (_who, person, editable) => {
    // read at the community, at a grid of it and at the street: the same halves wherever the page asks
    for (const unitId of [communityId, gridId]) {
      const view = await g.ok<SettingsView>(person(), 'settings', { unitId })
      expect({ unitId, editable: view.editable }).toEqual({ unitId, editable })
    }
    for (const half of ['community', 'street'] as const) {
      const before = await written()
      const res = await g.act<SettingsView>(person(), 'updateSettings', HALVES[half]())
      if (editable[half]) {
        expect(res).toMatchObject({ ok: true, data: { editable } })
        expect((await written()).audit).toBe(before.audit + 1)
      } else {
        expect({ half, res }).toEqual({ half, res: exactly('FORBIDDEN') })
        expect(await written()).toEqual(before)
      }
    }
  })

  it('street staff are refused a community’s half even when it is the only change, and nothing is written', async () => {
    const before = await written()
    const res = await g.act(street, 'updateSettings', {
      scope: 'community',
      unitId: communityId,
      disabled: ['enterprise'],
      limits: { repair: { respondHours: 1, resolveHours: 2, basis: 'calendar' } },
    })
    expect(res).toEqual(exactly('FORBIDDEN'))
    expect(await written()).toEqual(before)
    const view = await g.ok<SettingsView>(street, 'settings', { unitId: communityId })
    expect(view.categories.find((c) => c.id === 'enterprise')?.enabled).toBe(true)
  })
})
