/**
 * The typed contract between the mini-program and the cloud functions: one function per domain, each
 * routing on `{action, payload}`. Payload schemas validate at the function boundary; result types are
 * what the client's services return.
 */
import type { z } from 'zod'
import { emergencyPayloads, type EmergencyApi } from './emergency'
import { filesPayloads, type FilesApi } from './files'
import { gridPayloads, type GridApi } from './grid'
import { joinPayloads, type JoinApi } from './join'
import { noticesPayloads, type NoticesApi } from './notices'
import { orgPayloads, type OrgApi } from './org'
import { pointsPayloads, type PointsApi } from './points'
import { privacyPayloads, type PrivacyApi } from './privacy'
import { requestsPayloads, type RequestsApi } from './requests'
import { testingPayloads, type TestingApi } from './testing'
import { dutyPayloads, type DutyApi } from './duty'
import { isolationPayloads, type IsolationApi } from './isolation'
import { carePayloads, type CareApi } from './care'
import { dashboardPayloads, type DashboardApi } from './dashboard'
import { councilPayloads, type CouncilApi } from './council'
import { reportsPayloads, type ReportsApi } from './reports'

export * from './emergency'
export * from './files'
export * from './grid'
export * from './join'
export * from './notices'
export * from './org'
export * from './points'
export * from './privacy'
export * from './requests'
export * from './testing'
export * from './duty'
export * from './isolation'
export * from './care'
export * from './dashboard'
export * from './council'
export * from './reports'

export const PAYLOADS = {
  grid: gridPayloads,
  org: orgPayloads,
  join: joinPayloads,
  privacy: privacyPayloads,
  notices: noticesPayloads,
  files: filesPayloads,
  points: pointsPayloads,
  requests: requestsPayloads,
  testing: testingPayloads,
  emergency: emergencyPayloads,
  duty: dutyPayloads,
  care: carePayloads,
  isolation: isolationPayloads,
  council: councilPayloads,
  dashboard: dashboardPayloads,
  reports: reportsPayloads,
} as const

export interface Api {
  grid: GridApi
  org: OrgApi
  join: JoinApi
  privacy: PrivacyApi
  notices: NoticesApi
  files: FilesApi
  points: PointsApi
  requests: RequestsApi
  testing: TestingApi
  emergency: EmergencyApi
  duty: DutyApi
  care: CareApi
  isolation: IsolationApi
  council: CouncilApi
  dashboard: DashboardApi
  reports: ReportsApi
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
/** What a client sends (defaults may be left out). */
export type Payload<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { payload: infer P }
  ? P
  : never
/** What a handler receives: the payload after validation, defaults filled in. */
export type ParsedPayload<F extends FunctionName, A extends ActionName<F>> = A extends keyof (typeof PAYLOADS)[F]
  ? (typeof PAYLOADS)[F][A] extends z.ZodTypeAny
    ? z.output<(typeof PAYLOADS)[F][A]>
    : never
  : never
export type Result<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { result: infer R } ? R : never

/** What a client sends as `data` of callFunction. `group` is the CloudID of the group chat the app was opened
 * from (weapp: wx.cloud.CloudID(cloudID); h5 local mode: the `{ $cloudID }` marker) — top level, as the
 * platform only decrypts top-level CloudIDs. */
export interface CallData<F extends FunctionName, A extends ActionName<F>> {
  action: A
  payload: Payload<F, A>
  group?: unknown
}

/** `grid.me`-style key used by the permission table and the docs. */
export type ActionKey = { [F in FunctionName]: `${F}.${ActionName<F>}` }[FunctionName]

export const ACTION_KEYS = (Object.keys(PAYLOADS) as FunctionName[]).flatMap((f) =>
  Object.keys(PAYLOADS[f]).map((a) => `${f}.${a}` as ActionKey),
)

export type PayloadSchema = z.ZodTypeAny
