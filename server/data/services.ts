/**
 * `services`: what the community and merchants offer for points. Stock and `issued` change only inside a
 * transaction (redeem, cancel, update); listings are read here. Indexes (core/schema.ts): unitIds_1_status_1
 * (what serves my grid or community), provider.id_1_createdAt_-1 (a provider's own list).
 */
import type { ServiceDoc } from '../../core/model'
import type { Database } from '../cloud'
import { rows, total } from './query'

export interface Page<T> {
  total: number
  rows: T[]
}

export interface Services {
  get(id: string): Promise<ServiceDoc | null>
  /** Open services serving any of these units and still redeemable at `now`, newest first: one page. */
  serving(unitIds: readonly string[], now: Date, page: number, pageSize: number): Promise<Page<ServiceDoc>>
  /** These providers' services (a merchant's person id, a community's unit id for its own), newest first. */
  ofProviders(providerIds: readonly string[], page: number, pageSize: number): Promise<Page<ServiceDoc>>
}

export function services(db: Database): Services {
  const _ = db.command
  const col = () => db.collection('services')
  const paged = async (where: object, page: number, pageSize: number): Promise<Page<ServiceDoc>> => {
    const [count, found] = await Promise.all([
      total(col().where(where)),
      rows<ServiceDoc>(
        col()
          .where(where)
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(page * pageSize)
          .limit(pageSize),
      ),
    ])
    return { total: count, rows: found }
  }
  return {
    async get(id) {
      return (await rows<ServiceDoc>(col().where({ _id: id }).limit(1)))[0] ?? null
    },
    serving: (unitIds, now, page, pageSize) =>
      paged({ unitIds: _.in([...unitIds]), status: 'open', validUntil: _.gt(now) }, page, pageSize),
    ofProviders: (providerIds, page, pageSize) => paged({ 'provider.id': _.in([...providerIds]) }, page, pageSize),
  }
}
