/**
 * The states, levels and moves of a request (诉求), as data. States are grouped as FixMyStreet groups them (open /
 * resolved / closed), so lists, counters and the timer ask for a group and never for a list of states; the moves
 * are what core/requests/machine.ts decides on, and their labels are what the timeline and the buttons read.
 */

export const REQUEST_STATES = [
  'submitted',
  'processing',
  'done',
  'rated',
  'closed',
  'returned',
  'merged',
  'withdrawn',
] as const
export type RequestState = (typeof REQUEST_STATES)[number]

export const STATE_GROUPS = ['open', 'resolved', 'closed'] as const
export type StateGroup = (typeof STATE_GROUPS)[number]

export const STATE_GROUP: Record<RequestState, StateGroup> = {
  submitted: 'open',
  processing: 'open',
  done: 'resolved',
  rated: 'closed',
  closed: 'closed',
  returned: 'closed',
  merged: 'closed',
  withdrawn: 'closed',
}

export const STATE_LABELS: Record<RequestState, string> = {
  submitted: '待受理',
  processing: '处理中',
  done: '已办结',
  rated: '已评价',
  closed: '已关闭',
  returned: '已退回',
  merged: '已合并',
  withdrawn: '已撤回',
}

export const GROUP_LABELS: Record<StateGroup, string> = { open: '办理中', resolved: '待评价', closed: '已结束' }

/** Who owns a request now, lowest first: escalation climbs this order (a department is reached only by 吹哨). */
export const REQUEST_LEVELS = ['grid', 'community', 'street', 'department'] as const
export type RequestLevel = (typeof REQUEST_LEVELS)[number]

export const REQUEST_LEVEL_LABELS: Record<RequestLevel, string> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '职能部门',
}

/** The level an escalation (上报, or the timer's) sends a request to; null where there is none above. */
export const LEVEL_ABOVE: Record<RequestLevel, RequestLevel | null> = {
  grid: 'community',
  community: 'street',
  street: null,
  department: null,
}

/** Moves a person makes (the detail page's buttons; `requests.act` accepts only these). */
export const USER_MOVES = [
  'accept',
  'respond',
  'escalate',
  'dispatch',
  'checkIn',
  'return',
  'complete',
  'confirmUrgent',
  'comment',
  'rate',
  'withdraw',
  'merge',
  'takeErrand',
  'scheduleReinspection',
  'reinspect',
] as const
export type UserMove = (typeof USER_MOVES)[number]

/** Moves only the timer makes (actor.system). */
export const SYSTEM_MOVES = ['autoEscalate', 'autoClose'] as const
export type SystemMove = (typeof SYSTEM_MOVES)[number]

/** The first event of every request: it was reported (反映), by a resident or from a patrol's finding. */
export const REPORT_MOVE = 'report' as const

export const MOVES = [...USER_MOVES, ...SYSTEM_MOVES, REPORT_MOVE] as const
export type Move = (typeof MOVES)[number]

/** What the button says and how the timeline names the event. */
export const MOVE_LABELS: Record<Move, string> = {
  accept: '受理',
  respond: '已联系',
  escalate: '上报',
  dispatch: '吹哨派单',
  checkIn: '报到',
  return: '退回',
  complete: '办结',
  confirmUrgent: '确认紧急',
  comment: '补充说明',
  rate: '评价',
  withdraw: '撤回',
  merge: '合并',
  takeErrand: '接单',
  scheduleReinspection: '安排回头看',
  reinspect: '回头看',
  autoEscalate: '超时自动上报',
  autoClose: '超时自动关闭',
  report: '反映',
}

export const isUserMove = (move: string): move is UserMove => (USER_MOVES as readonly string[]).includes(move)

/** The resident's word on a done request: 满意 and 基本满意 close it, 不满意 reopens it where it was resolved. */
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const
export type Rating = (typeof RATINGS)[number]
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }
