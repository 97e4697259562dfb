/**
 * A demo person the local persona picker (本地演示) signs in as, in place of WeChat login. The local cloud
 * serves them at GET /local/personas; the seed picks them from the demo community.
 */
export interface Persona {
  openid: string
  /** The role the persona demonstrates (a Role, e.g. 'gridChief'). */
  role: string
  /** e.g. '居民 · 王秀英' */
  label: string
  /** Where they live or what they lead, e.g. '和平社区 第3网格 5栋2单元402'. */
  description: string
}
