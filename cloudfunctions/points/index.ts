/** The `points` function: volunteer activities, 接龙, attendance with the rotating code, earning, teams, honours and
 * the record (core/contract/points/activities.ts); the wallet, services, vouchers and 核销 (./wallet.ts). */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { expire } from './expire'
import { statement, verifyVoucher } from './handlers/merchant'
import { postService, service, services, updateService } from './handlers/services'
import { cancelVoucher, redeem, voucher, vouchers } from './handlers/vouchers'
import { adjustPoints, wallet } from './handlers/wallet'

// Filled in as the handlers land; until an action has its handler the router answers UNKNOWN_ACTION for it.
const handlers: Partial<Handlers<'points'>> = {
  // the wallet (G2)
  wallet,
  adjustPoints,
  services,
  service,
  postService,
  updateService,
  redeem,
  vouchers,
  voucher,
  cancelVoucher,
  verifyVoucher,
  statement,
}

export const main = createMain('points', handlers as Handlers<'points'>, wxPlatform, { expire })
