/** The `points` function: volunteer activities, 接龙, attendance with the rotating code, earning, teams, honours and
 * the record (core/contract/points/activities.ts); the wallet, services, vouchers and 核销 (./wallet.ts). */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { announce } from './announce'
import { expire } from './expire'
import { activities, activity, postActivity } from './handlers/activities'
import {
  adjustAttendance,
  attendance,
  checkCodeOf,
  checkIn,
  checkOut,
  confirmAttendance,
  markAttendance,
} from './handlers/attendance'
import { home } from './handlers/home'
import { statement, verifyVoucher } from './handlers/merchant'
import { postService, service, services, updateService } from './handlers/services'
import { exportHours, record } from './handlers/record'
import { rules, updateRules } from './handlers/rules'
import { cancelSignUp, signUp } from './handlers/signups'
import { createTeam, joinTeam, leaderboard, leaveTeam, setLeaderboardVisibility, team, teams } from './handlers/teams'
import { cancelVoucher, redeem, voucher, vouchers } from './handlers/vouchers'
import { adjustPoints, wallet } from './handlers/wallet'

const handlers: Handlers<'points'> = {
  // volunteering (G1)
  home,
  activities,
  activity,
  postActivity,
  signUp,
  cancelSignUp,
  checkCode: checkCodeOf,
  checkIn,
  checkOut,
  attendance,
  markAttendance,
  adjustAttendance,
  confirmAttendance,
  teams,
  team,
  createTeam,
  joinTeam,
  leaveTeam,
  leaderboard,
  setLeaderboardVisibility,
  record,
  exportHours,
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
  // each community's rules
  rules,
  updateRules,
}

export const main = createMain('points', handlers, wxPlatform, { expire, announce })
