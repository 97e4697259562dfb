/**
 * The `points` function, wallet half: a person's balance and history from the double-entry ledger (points due to
 * expire shown ahead), leaders' grants and deductions with a written reason within monthly limits, services offered
 * for points by the community and merchants (积分兑换), vouchers (code + QR) issued by a redeem in one transaction
 * with the stock, cancelled back through the ledger, verified once by the provider (核销), and the provider's
 * monthly statement. Amounts are never taken from the client except a leader's adjustment (bounded by role).
 */
import { z } from 'zod'
import { recordId, unitId } from '../fields'

/** What a service, a reason and an adjustment may hold (发布兑换 and 调整积分 cap their inputs with these). */
export const WALLET_LIMITS = {
  title: 30,
  description: 500,
  cost: 10_000,
  stock: 10_000,
  perPersonLimit: 100,
  voucherDays: 365,
  /** How far ahead a service may stay redeemable. */
  validDays: 730,
  servedUnits: 50,
  reason: 100,
  /** The largest single adjustment any role may make (each role's monthly limits are in core/points/adjustments.ts). */
  adjustment: 1_000,
  /** A typed code or a scanned QR text. */
  codeInput: 64,
} as const

export const ADJUST_DIRECTIONS = ['grant', 'deduct'] as const
export type AdjustDirection = (typeof ADJUST_DIRECTIONS)[number]

/** How each kind of movement reads in a person's history. */
export const TRANSFER_KIND_LABELS = {
  earn: '志愿服务',
  grant: '奖励',
  deduct: '扣减',
  redeem: '兑换',
  refund: '退回',
  expire: '过期',
} as const
export type TransferKindName = keyof typeof TRANSFER_KIND_LABELS

export const VOUCHER_STATUS_LABELS = {
  active: '可使用',
  used: '已核销',
  cancelled: '已取消',
  expired: '已过期',
} as const
/** A voucher as its holder sees it: `expired` is an active one whose date has passed. */
export type VoucherState = keyof typeof VOUCHER_STATUS_LABELS

const serviceId = recordId
const voucherId = recordId
const personId = recordId
/** The client's id for one tap (a retry sends the same one, so it redeems or adjusts once). */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')
const page = z.number().int().min(0).max(10_000).default(0)
const pageSize = z.number().int().min(1).max(50).default(20)
const isoTime = z.string().datetime({ offset: true })
/** A Beijing calendar month, YYYY-MM. */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式不对')
const text = (max: number) => z.string().trim().max(max)

const serviceFields = {
  title: z.string().trim().min(1).max(WALLET_LIMITS.title),
  description: text(WALLET_LIMITS.description).default(''),
  cost: z.number().int().min(1).max(WALLET_LIMITS.cost),
  perPersonLimit: z.number().int().min(1).max(WALLET_LIMITS.perPersonLimit),
  /** until when residents may redeem it (ISO 8601, in the future, at most validDays ahead) */
  validUntil: isoTime,
  /** how many days a voucher stays usable after redeeming (never past validUntil) */
  voucherDays: z.number().int().min(1).max(WALLET_LIMITS.voucherDays),
  /** the community or grids of the provider's community it serves */
  unitIds: z.array(unitId).min(1).max(WALLET_LIMITS.servedUnits),
}

export const walletPayloads = {
  /** My balance, what expires when, and one page of my history (newest first). */
  wallet: z.object({ page, pageSize }).strict(),
  /** A leader grants or deducts a resident's points, with a written reason, within the role's monthly limits. */
  adjustPoints: z
    .object({
      personId,
      direction: z.enum(ADJUST_DIRECTIONS),
      amount: z.number().int().min(1).max(WALLET_LIMITS.adjustment),
      reason: text(WALLET_LIMITS.reason),
      requestId,
    })
    .strict(),
  /** Services open to me (my grid and community), newest first; `mine`: the ones I provide (merchant, staff). */
  services: z.object({ page, pageSize, mine: z.boolean().default(false) }).strict(),
  service: z.object({ serviceId }).strict(),
  /** A merchant (as their shop) or community staff (as the community) offers a service in their community. */
  postService: z
    .object({ communityId: unitId, ...serviceFields, stock: z.number().int().min(1).max(WALLET_LIMITS.stock) })
    .strict(),
  /** The provider changes a service: any field, stock by adding or taking (never below what is left), or closes it. */
  updateService: z
    .object({
      serviceId,
      title: serviceFields.title.optional(),
      description: text(WALLET_LIMITS.description).optional(),
      cost: serviceFields.cost.optional(),
      perPersonLimit: serviceFields.perPersonLimit.optional(),
      validUntil: isoTime.optional(),
      voucherDays: serviceFields.voucherDays.optional(),
      unitIds: serviceFields.unitIds.optional(),
      stockDelta: z.number().int().min(-WALLET_LIMITS.stock).max(WALLET_LIMITS.stock).optional(),
      status: z.enum(['open', 'closed']).optional(),
    })
    .strict(),
  /** Redeems one: points and stock in one transaction, a voucher issued; the same requestId redeems once. */
  redeem: z.object({ serviceId, requestId }).strict(),
  vouchers: z.object({ status: z.enum(['active', 'used', 'cancelled']).optional(), page, pageSize }).strict(),
  voucher: z.object({ voucherId }).strict(),
  /** Cancels an unused voucher before it expires: points back through the ledger, stock back. */
  cancelVoucher: z.object({ voucherId }).strict(),
  /** 核销: the provider types the code or scans the voucher's QR (either text is accepted); single use. */
  verifyVoucher: z.object({ code: z.string().trim().min(1).max(WALLET_LIMITS.codeInput) }).strict(),
  /** The provider's statement of a Beijing month: totals, per service, and one page of the vouchers verified. */
  statement: z.object({ month, page, pageSize }).strict(),
}

export interface Paged<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
  more: boolean
}

/** One movement in my history: the amount signed for me (+ in, − out). */
export interface HistoryRow {
  id: string
  kind: TransferKindName
  amount: number
  reason: string
  at: string
  /** when the points it brought expire (earned, granted) */
  expiresAt: string | null
}

export interface Wallet {
  balance: number
  /** the earliest points due to expire within the notice window, shown ahead */
  expiringSoon: { amount: number; at: string } | null
  /** all my points by expiry date, earliest first */
  expiries: { amount: number; at: string }[]
  history: Paged<HistoryRow>
}

export interface AdjustResult {
  transferId: string
  /** false when the same request had been posted already (nothing moved twice) */
  posted: boolean
  /** the resident's balance after it */
  balance: number
  /** what the leader may still grant / deduct this month */
  remaining: { grant: number; deduct: number }
}

export interface ServiceCard {
  id: string
  title: string
  providerName: string
  /** 'merchant': a shop of the 商户联盟; 'community': the community's own */
  providerKind: 'merchant' | 'community'
  cost: number
  stock: number
  perPersonLimit: number
  validUntil: string
  status: 'open' | 'closed'
}

export interface ServiceDetail extends ServiceCard {
  description: string
  voucherDays: number
  /** the units it serves, by name */
  served: { id: string; name: string }[]
  issued: number
  /** my vouchers of it that count against the limit (active or used) */
  mine: number
  /** whether I may redeem it now, and if not, why (Chinese) */
  canRedeem: boolean
  whyNot: string | null
  /** whether I provide it (may update it) */
  canManage: boolean
}

export interface VoucherCard {
  id: string
  serviceId: string
  serviceTitle: string
  providerName: string
  cost: number
  state: VoucherState
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export interface VoucherView extends VoucherCard {
  /** the code as printed (groups of four digits) */
  code: string
  /** the text the QR code encodes (core/points/vouchers.ts voucherQr); the provider's scan reads it */
  qr: string
  cancellable: boolean
}

/** What the provider sees at 核销: only what they need. */
export interface VerifyResult {
  serviceTitle: string
  code: string
  /** the holder's name masked (core/mask.ts maskName) */
  holder: string
  cost: number
  usedAt: string
}

export interface StatementRow {
  code: string
  serviceTitle: string
  holder: string
  cost: number
  usedAt: string
}

export interface Statement {
  month: string
  providerName: string
  /** vouchers verified in the month and their points */
  count: number
  points: number
  byService: { serviceId: string; title: string; count: number; points: number }[]
  rows: Paged<StatementRow>
}

export interface WalletApi {
  wallet: { payload: z.input<typeof walletPayloads.wallet>; result: Wallet }
  adjustPoints: { payload: z.input<typeof walletPayloads.adjustPoints>; result: AdjustResult }
  services: { payload: z.input<typeof walletPayloads.services>; result: Paged<ServiceCard> }
  service: { payload: z.input<typeof walletPayloads.service>; result: ServiceDetail }
  postService: { payload: z.input<typeof walletPayloads.postService>; result: ServiceDetail }
  updateService: { payload: z.input<typeof walletPayloads.updateService>; result: ServiceDetail }
  redeem: { payload: z.input<typeof walletPayloads.redeem>; result: { voucher: VoucherView; balance: number } }
  vouchers: { payload: z.input<typeof walletPayloads.vouchers>; result: Paged<VoucherCard> }
  voucher: { payload: z.input<typeof walletPayloads.voucher>; result: VoucherView }
  cancelVoucher: {
    payload: z.input<typeof walletPayloads.cancelVoucher>
    result: { voucher: VoucherView; balance: number }
  }
  verifyVoucher: { payload: z.input<typeof walletPayloads.verifyVoucher>; result: VerifyResult }
  statement: { payload: z.input<typeof walletPayloads.statement>; result: Statement }
}
