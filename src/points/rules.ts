/** How a post's points rule reads to a volunteer (and to the organiser who sets it). */
import type { ActivityRoleView } from '../services/points'

/** 每小时 10 分 · 夜间 ×2 · 每次最多 40 分 */
export function ruleText(rule: ActivityRoleView['rule']): string {
  const parts = [`每小时 ${rule.pointsPerHour} 分`]
  if (rule.nightMultiplier > 1) parts.push(`夜间 ×${rule.nightMultiplier}`)
  parts.push(`每次最多 ${rule.cap} 分`)
  return parts.join(' · ')
}
