/**
 * Text a leader publishes passes WeChat's content-security check first (security.msgSecCheck, version 2): a
 * refused text says why, in Chinese, and nothing is stored. `review` (uncertain) is refused too: a notice goes
 * to every household in scope, so doubtful text waits for a rewrite rather than going out.
 */
import { AppError } from './errors'
import { getCloud } from './cloud'

/** msgSecCheck v2 labels (命中标签枚举值) as a publisher should read them. */
export const RISK_LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他不宜公开的内容',
}

/** 4 = 社交日志 (posts others read): the scene for text published to residents. */
const SCENE_PUBLISHED = 4

interface CheckResult {
  result?: { suggest?: string; label?: number }
}

/** Throws CONTENT_RISKY (with the label's reason) unless the platform passes the text. */
export async function checkText(openid: string, title: string, body: string): Promise<void> {
  const res = (await getCloud().openapi.security.msgSecCheck({
    openid,
    scene: SCENE_PUBLISHED,
    version: 2,
    title,
    content: `${title}\n${body}`,
  })) as CheckResult
  const suggest = res.result?.suggest
  if (suggest === 'pass') return
  const label = res.result?.label ?? 21000
  throw new AppError('CONTENT_RISKY', `疑似${RISK_LABELS[label] ?? RISK_LABELS[21000]}`)
}
