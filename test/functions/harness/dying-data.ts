/**
 * A data layer that dies (as a kill -9 would stop the function) at its n-th call: a repository call, a transaction,
 * or one read or write inside a transaction — which then never commits. `log` receives every call's name, so a run
 * with n = 0 (never dies) lists the steps a test can cut at.
 */
import type { Data, TxData } from '../../../server/data'

export function dyingAt(n: number, base: Data, log: string[]): Data {
  const step = (name: string) => {
    log.push(name)
    if (log.length === n) throw new Error(`killed at ${name}`)
  }
  const wrap = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const v = Reflect.get(t, key, receiver) as unknown
        if (typeof v === 'function')
          return (...args: unknown[]) => {
            step(`${prefix}.${String(key)}`)
            return (v as (...a: unknown[]) => unknown).apply(t, args)
          }
        if (v && typeof v === 'object') return wrap(v, `${prefix}.${String(key)}`)
        return v
      },
    })
  return new Proxy(base, {
    get(t, key, receiver) {
      if (key === 'transaction')
        return (work: (tx: TxData) => Promise<unknown>, precheck?: () => Promise<unknown>) => {
          step('transaction')
          return t.transaction((tx) => work(wrap(tx, 'tx')), precheck)
        }
      const v = Reflect.get(t, key, receiver) as unknown
      return v && typeof v === 'object' ? wrap(v, `data.${String(key)}`) : v
    },
  })
}
