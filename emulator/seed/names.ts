/** Believable Chinese names and phone numbers for the demo community. */
import type { Random } from './random'

const words = (s: string): string[] => s.trim().split(/\s+/)

/** The commonest surnames with their approximate share (%) of the population (2020 census). */
export const SURNAMES: readonly (readonly [string, number])[] = words(`
  王7.1 李7.0 张6.8 刘5.4 陈4.6 杨3.1 黄2.5 赵2.3 吴2.1 周2.0 徐1.7 孙1.5 马1.5 朱1.4 胡1.3 郭1.2
  何1.2 林1.1 高1.1 罗1.0 郑1.0 梁0.9 谢0.8 宋0.7 唐0.7 许0.7 韩0.7 冯0.7 邓0.7 曹0.6 彭0.6 曾0.6
  肖0.6 田0.5 董0.5 潘0.5 袁0.5 蔡0.4 蒋0.4 余0.4 于0.4 杜0.4 叶0.4 程0.4 魏0.4 苏0.4 吕0.4 丁0.4
`).map((w) => [w[0], Number(w.slice(1))] as const)

const FEMALE = words(`
  秀英 桂英 秀兰 玉兰 桂兰 淑珍 凤英 玉珍 红梅 春梅 丽娟 海燕 晓燕 丽 静
  敏 燕 艳 娟 霞 芳 婷 雪 慧 欣怡 梓涵 诗涵 雨涵 佳怡 思琪
`)
const MALE = words(`
  建国 建华 国强 志强 建军 国华 海涛 志明 德明 永刚 伟 强 磊 军 勇
  杰 涛 斌 超 明 刚 平 辉 鹏 浩 宇 浩然 子轩 宇轩 俊杰
`)

export type Sex = 'female' | 'male'

export const surname = (rnd: Random): string => rnd.weighted(SURNAMES)

export const givenName = (rnd: Random, sex: Sex): string => rnd.pick(sex === 'female' ? FEMALE : MALE)

/** Mobile prefixes of the three carriers. */
const PREFIXES = words(
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 176 177 180 181 182 183 186 187 188 189 199',
)

/** An 11-digit mobile number not handed out before (`used` keeps them unique). */
export function phone(rnd: Random, used: Set<string>): string {
  for (;;) {
    const n = `${rnd.pick(PREFIXES)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`
    if (!used.has(n)) {
      used.add(n)
      return n
    }
  }
}
