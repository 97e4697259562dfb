/**
 * CloudIDs: on the platform a client gets an opaque cloudID for encrypted open data (e.g. wx.getGroupEnterInfo's
 * group id) and a function resolves it, valid for 5 minutes. Locally a CloudID is minted for any data
 * (mintCloudID / POST /local/cloudid) and resolved by getOpenData or by the top-level event replacement.
 */
import crypto from 'node:crypto'
import { isCloudIdMarker } from '../../core/cloud-id'

/** The platform keeps a cloudID valid for 5 minutes. */
export const CLOUD_ID_TTL_MS = 5 * 60 * 1000

export type OpenDataItem = { cloudID: string; data: unknown } | { cloudID: string; errCode: number; errMsg: string }

export class CloudIds {
  private readonly ids = new Map<string, { data: unknown; expires: number }>()

  constructor(private readonly ttlMs = CLOUD_ID_TTL_MS) {}

  mint(data: unknown): string {
    const id = 'local_' + crypto.randomBytes(12).toString('hex')
    this.ids.set(id, { data: structuredClone(data), expires: Date.now() + this.ttlMs })
    return id
  }

  resolve(cloudID: string): OpenDataItem {
    const e = this.ids.get(cloudID)
    if (!e) return { cloudID, errCode: -604100, errMsg: `cloudID ${cloudID} is unknown to the local cloud` }
    if (e.expires < Date.now()) {
      this.ids.delete(cloudID)
      return { cloudID, errCode: -604101, errMsg: `cloudID ${cloudID} has expired (valid 5 minutes)` }
    }
    return { cloudID, data: structuredClone(e.data) }
  }

  /**
   * The platform replaces each TOP-LEVEL field of callFunction data that is a CloudID with `{cloudID, data}`;
   * nested fields are left alone.
   */
  replaceInEvent(data: unknown): unknown {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return data
    const out: Record<string, unknown> = { ...(data as Record<string, unknown>) }
    for (const [k, v] of Object.entries(out)) if (isCloudIdMarker(v)) out[k] = this.resolve(v.$cloudID)
    return out
  }
}
