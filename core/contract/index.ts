/**
 * The typed contract between the mini-program and the cloud functions: one function per domain, each
 * routing on `{action, payload}`. Payload schemas validate at the function boundary; result types are
 * what the client's services return.
 */
import type { z } from 'zod'
import { gridPayloads, type GridApi } from './grid'

export * from './grid'

export const PAYLOADS = {
  grid: gridPayloads,
} as const

export interface Api {
  grid: GridApi
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type Payload<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { payload: infer P }
  ? P
  : never
export type Result<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { result: infer R } ? R : never

/** What a client sends as `data` of callFunction. */
export interface CallData<F extends FunctionName, A extends ActionName<F>> {
  action: A
  payload: Payload<F, A>
}

/** `grid.me`-style key used by the permission table and the docs. */
export type ActionKey = { [F in FunctionName]: `${F}.${ActionName<F>}` }[FunctionName]

export const ACTION_KEYS = (Object.keys(PAYLOADS) as FunctionName[]).flatMap((f) =>
  Object.keys(PAYLOADS[f]).map((a) => `${f}.${a}` as ActionKey),
)

export type PayloadSchema = z.ZodTypeAny
