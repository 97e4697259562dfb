/**
 * The `org` function in the local cloud over the demo community, with what a client does around it: upload a
 * roster to cloud storage (as wx.cloud.uploadFile would) and download a file from the URL the function returns.
 */
import cloudSdk from 'wx-server-sdk'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

export interface OrgCloud extends FunctionsCloud {
  org<T = unknown>(openid: string, action: string, payload: unknown): Promise<Envelope<T>>
  /** A person of the demo holding `role` (over `unitId` when given). */
  holder(role: Role, unitId?: string): PersonDoc
  upload(content: Buffer, name?: string): Promise<string>
  fetchFile(url: string): Promise<Buffer>
}

let uploads = 0

export async function startOrgCloud(): Promise<OrgCloud> {
  const g = await startFunctionsCloud(['grid', 'org'])
  return Object.assign(g, {
    async org<T>(openid: string, action: string, payload: unknown) {
      return (await g.cloud.callFunction('org', { action, payload }, { openid })).result as Envelope<T>
    },
    holder(role: Role, unitId?: string) {
      const p = g.demo.people.find((x) => x.roles.some((r) => r.role === role && (!unitId || r.unitId === unitId)))
      if (!p) throw new Error(`nobody holds ${role} ${unitId ?? ''}`)
      return p
    },
    async upload(content: Buffer, name = 'roster.xlsx') {
      const res = await cloudSdk.uploadFile({ cloudPath: `uploads/${++uploads}/${name}`, fileContent: content })
      return res.fileID
    },
    async fetchFile(url: string) {
      const res = await fetch(url)
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`)
      return Buffer.from(await res.arrayBuffer())
    },
  })
}
