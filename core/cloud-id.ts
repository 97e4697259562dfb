/**
 * How a caller of the LOCAL cloud marks a top-level field of callFunction data as a CloudID (what
 * `wx.cloud.CloudID(id)` does on a real client): `{ $cloudID: id }`. The local cloud replaces such a field with
 * `{ cloudID, data }` before the function runs, as the platform does. CloudIDs come from POST /local/cloudid.
 */
export interface CloudIdMarker {
  $cloudID: string
}

export const cloudIdMarker = (cloudID: string): CloudIdMarker => ({ $cloudID: cloudID })

export const isCloudIdMarker = (v: unknown): v is CloudIdMarker =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  typeof (v as { $cloudID?: unknown }).$cloudID === 'string'
