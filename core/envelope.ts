/**
 * The one response envelope every cloud-function action returns. The message is Chinese and shown to
 * the user as is; the code is stable, tested, and what clients branch on.
 */
export const ERROR_MESSAGES = {
  INVALID_PAYLOAD: '提交的内容不完整或格式不对，请检查后再试',
  UNKNOWN_ACTION: '不支持的操作',
  NOT_REGISTERED: '你还没有加入网格，请先通过网格邀请加入',
  FORBIDDEN: '你没有权限进行这项操作',
  NOT_FOUND: '要找的内容不存在或已删除',
  INTERNAL: '服务暂时不可用，请稍后再试',
  // the tree and rosters
  ROSTER_INVALID: '表格中有错误，未导入任何数据',
  UNIT_NOT_EMPTY: '下面还有在用的网格、楼栋或住户，不能撤销',
  INVALID_MOVE: '不能移动到这个位置',
  UNIT_MOVING: '这里的楼栋或网格正在调整归属，请稍后再试',
  NAME_TAKEN: '这个名称已被使用，请换一个',
  // a fresh environment's first staff
  BOOTSTRAP_CLOSED: '本环境没有开放首次开通',
  BOOTSTRAP_SECRET_WRONG: '开通口令不对',
  BOOTSTRAP_USED: '本环境已经开通过，请由现有的社区或街道工作人员添加人员',
  // joining and group chats
  INVITE_INVALID: '邀请已失效，请向网格长或楼栋长索取新的邀请',
  ROOM_NOT_FOUND: '没有找到这个房间，请核对楼栋、单元和房号',
  ALREADY_JOINED: '你已经是这一户的成员了',
  CLAIM_PENDING: '你已有待确认的申请，请等待楼栋长或网格长确认',
  CLAIM_DECIDED: '这条申请已经处理过了',
  GROUP_UNKNOWN: '无法识别是哪个群，请从网格微信群里重新打开',
  GROUP_BOUND_ELSEWHERE: '这个群已经绑定了其他网格，需要该网格的网格长或社区先解绑',
  POSTER_FAILED: '小程序码暂时生成不了，请稍后再试',
  PHONE_CODE_INVALID: '微信手机号验证已失效，请重新获取或手动填写手机号',
  // notices
  CONTENT_RISKY: '内容含有不宜发布的信息，请修改后再发布',
  UPLOAD_NOT_YOURS: '图片不是你上传的，请重新选择图片',
  UPLOAD_INVALID: '图片不符合要求，请重新选择',
  NOTICE_EXPIRED: '这条通知已过期',
  ALREADY_REMINDED: '今天已经提醒过未触达的住户了，明天再试',
  NOTHING_TO_REMIND: '没有可以提醒的住户：未触达的住户都没有订阅通知，今天的提醒仍可使用，也可以上门或电话告知',
  // points: the ledger, adjustments, services and vouchers
  POINTS_INSUFFICIENT: '积分不足',
  POINTS_REASON_REQUIRED: '调整积分需要写明原因（至少 4 个字）',
  POINTS_LIMIT_EXCEEDED: '超出本月可调整的积分额度',
  POINTS_SELF: '不能给自己调整积分',
  POINTS_RULES_STALE: '积分规则刚被其他工作人员修改过，请刷新后再改',
  SERVICE_CLOSED: '这项服务已下架或已过兑换期',
  SERVICE_SOLD_OUT: '这项服务已兑完',
  SERVICE_LIMIT_REACHED: '这项服务每人可兑换的次数已用完',
  SERVICE_BUSY: '同时兑换的人太多，请稍等片刻再点一次兑换',
  VOUCHER_CODE_INVALID: '券码不对，请核对后重新输入或扫码',
  VOUCHER_NOT_FOUND: '没有找到这张兑换券，请确认是本店的券',
  VOUCHER_USED: '这张兑换券已经核销过了，不能重复使用',
  VOUCHER_CANCELLED: '这张兑换券已取消',
  VOUCHER_EXPIRED: '这张兑换券已过期',
  // points: activities, 接龙, attendance, teams
  ACTIVITY_NOT_ORGANISER: '只有活动的组织者可以进行这项操作',
  ACTIVITY_NOT_FOR_YOU: '这个活动不在你可以报名的范围内',
  ACTIVITY_TIMES_INVALID: '活动时间不对，请检查后再发布',
  ACTIVITY_CONFIRMED: '这个活动的考勤已经确认，不能再修改',
  ACTIVITY_NOT_ENDED: '活动结束后才能确认考勤；提前确认需每人都已签退或已调整工时',
  SIGNUP_CLOSED: '现在不在报名时间内',
  SIGNUP_EXISTS: '你已经报名了这个岗位',
  SIGNUP_BARRED: '近一年缺席次数较多，暂时不能报名',
  SIGNUP_STARTED: '活动已经开始，不能再取消报名',
  CHECKIN_CLOSED: '现在不在签到签退时间内',
  CHECKIN_CODE_WRONG: '签到码不对或已过期，请看组织者手机上最新的码',
  CHECKIN_NOT_SIGNED_UP: '你没有报名成功这个活动，不能签到',
  CHECKIN_NOT_IN: '还没有签到，不能签退',
  TEAM_NOT_FOR_YOU: '这个服务队不在你所在的社区',
  TEAM_LIMIT: '加入的服务队已达上限',
  TEAM_LEADER_LEAVING: '队长不能退出服务队，请先请社区更换队长',
  // requests (诉求): report, moves, deadlines, patrols
  REQUEST_NOT_FOUND: '没有找到这条诉求，可能已被撤回或合并',
  REQUEST_CATEGORY_OFF: '本社区暂未开通这类诉求，请选择其他类别',
  REQUEST_PLACE_INVALID: '请选择你家、你所在的楼栋，或本网格内的一个地点',
  REQUEST_STATE_CHANGED: '这条诉求刚刚有了新进展，请刷新后再操作',
  MOVE_NOT_ALLOWED: '这条诉求现在不能进行这项操作',
  NOT_REQUEST_OWNER: '这条诉求现在不归你处理',
  ALREADY_FOLLOWING: '你已经关注了这条诉求',
  REQUEST_NOT_IN_GRID: '只有本网格的居民可以关注这条诉求',
  REQUEST_NOTE_REQUIRED: '请写明处理情况',
  REQUEST_REASON_REQUIRED: '退回需要写明原因',
  REQUEST_RATING_REQUIRED: '请选择满意、基本满意或不满意',
  REQUEST_DEPARTMENT_UNKNOWN: '没有这个职能部门，请从列表中选择',
  REQUEST_CHECKIN_LATE: '已超过报到时限，不能报到，请退回街道重新派单',
  REQUEST_MERGE_INVALID: '只能合并到同一网格内另一条仍在办理的诉求',
  REQUEST_REINSPECT_DATE_INVALID: '回头看的日期应在今天之后、一年之内',
  REQUEST_SETTINGS_INVALID: '诉求设置有误，请检查后再保存',
  PATROL_TIMES_INVALID: '巡查时间不对，请检查开始和结束时间',
  // testing rounds (错时采样)
  TESTING_SCOPE_INVALID: '采样只能按社区或网格安排',
  TESTING_WORKER_INVALID: '采样点的工作人员须是本社区或本网格的人员',
  TESTING_BUILDING_INVALID: '这栋楼不在这次采样的范围内',
  TESTING_SITE_INVALID: '没有这个采样点，请从列表中选择',
  TESTING_PLAN_INVALID: '时段安排不对：所有时段须在当天之内',
  TESTING_PLANNED: '这栋楼已经按另一种安排排好时段，不能再改',
  TESTING_SLOT_FULL: '这个时段已经约满，请选择其他时段',
  TESTING_ALREADY_DONE: '这一户已经采样完成，不用再换时段',
  TESTING_NOT_BOOKED: '你家还没有排到这次采样的时段',
  TESTING_NOT_WORKER: '只有这个采样点的工作人员可以进行这项操作',
  TESTING_CODE_INVALID: '采样码不对，请让居民打开自己的采样码再扫一次',
  // emergency mode (issue 12, E1): the switch and the reserve force
  EMERGENCY_ACTIVE: '这个范围已有一次进行中的应急状态，请先结束它，或修改它的应急须知',
  EMERGENCY_ENDED: '这次应急状态已经结束，只能查看',
  EMERGENCY_START_INVALID: '开始时间应在现在到 30 天之内',
  RESERVE_NOT_MEMBER: '你还没有登记为应急力量',
  CALLUP_NOT_FOR_YOU: '这次召集不包括你',
  CALLUP_ASSIGNED: '你已被安排了岗位，不能再更改答复；如有变化请联系社区',
  CALLUP_NOT_COMING: '只能安排答复了到岗的人员',
  // emergency mode: 战时网格 (micro-grids drawn over a grid's buildings)
  MICROGRID_NO_EMERGENCY: '这个网格现在没有进行中的应急状态，不能划分或调整战时网格',
  MICROGRID_BUILDING_TAKEN: '有楼栋已经划入另一个战时网格，请先调整那个战时网格',
  MICROGRID_LEADER_INVALID: '请从本次应急范围内登记的应急力量中选择临时负责人',
  MICROGRID_RETIRED: '这个战时网格已经撤销，只能查看',
  // checkpoints and duty shifts
  DUTY_UNIT_LEVEL: '卡口只能设在网格或社区',
  DUTY_TEMPLATE_INVALID: '班次设置有误：同一天的班次不能重叠，一次最多 31 天、每天 6 个班次',
  DUTY_NOT_IN_COMMUNITY: '只有本社区的居民可以参加这个卡口的值守',
  DUTY_SHIFT_FULL: '这个班次已经满员，请选择其他班次',
  DUTY_OVERLAP: '这个时段你已经有其他值守班次，同一时间只能在一个班次',
  DUTY_SHIFT_STARTED: '班次已经开始或已确认，不能再报名或取消',
  DUTY_HOLDS_FULL: '你报名的班次太多了，请先完成或取消一些再报名',
  DUTY_NOT_SIGNED_UP: '你没有报名这个班次',
  DUTY_ALREADY_IN: '已经签到，不能取消',
  DUTY_NO_OPEN_SHIFT: '现在没有你可以签到或签退的班次，请在班次开始前后半小时内签到、结束前后签退',
  DUTY_CODE_WRONG: '签到码不对或已过期，请看卡口负责人手机上或卡口张贴的最新码',
  DUTY_NOT_CHECKED_IN: '你还没有在这个班次签到，不能写交接班记录',
  DUTY_NOT_ENDED: '班次还没结束，结束后才能确认时长',
  // care persons (关爱对象, 四包一)
  CARE_PERSON_INVALID: '只能标记住在本社区的居民为关爱对象',
  CARE_NOT_MARKED: '这位居民现在不是关爱对象，请先标记',
  CARE_HELPER_INVALID: '包联人须是本社区已加入小程序的人员，一人只占一个位置，且不能是关爱对象本人',
  CARE_NOT_HELPER: '只有这位关爱对象的包联人可以打卡',
  CARE_FILTER_FORBIDDEN: '关爱对象只有网格长和社区、街道工作人员可以查看',
  // home-isolated households (居家隔离户)
  ISOLATION_HOUSEHOLD_ONLY: '只能把一户住户标记为居家隔离',
  ISOLATION_ACTIVE: '这一户已在居家隔离中，请先结束当前的隔离，或等它到期',
  ISOLATION_DAY_USED: '这一户从这一天开始的隔离已经结束过，请换一个开始日期',
  ISOLATION_SCHEDULE_INVALID:
    '隔离安排不对：开始日期应为今天起 7 天内，最长 28 天，每类服务每天最多 4 个不重复的时间，至少安排一项',
  ISOLATION_ENDED: '这次居家隔离已经结束',
  ISOLATION_UNIT_LEVEL: '请选择一个网格、社区或楼栋查看',
  ISOLATION_NOT_VOLUNTEER: '只有本网格的志愿者、楼栋长和网格长可以领取隔离户的服务任务',
  ISOLATION_TASK_TAKEN: '这项任务已经有人领取了，请选择其他任务',
  ISOLATION_TASK_DONE: '这项任务已经完成了',
  ISOLATION_TASK_CANCELLED: '这一户的隔离已经结束，这项任务已取消',
  ISOLATION_NOT_HOLDER: '请先领取这项任务；只有领取人可以放弃或标记完成',
  ISOLATION_NOT_DELIVERY: '只有物资配送可以确认收到',
  ISOLATION_NOT_YOURS: '这不是你家的隔离服务',
  // 数据看板 (dashboard)
  DASHBOARD_LEVEL: '数据看板按网格、社区或街道查看，请选择其中之一',
  // council (三长议事): proposals (议题); meetings and votes: H6 below
  COUNCIL_GRID_ONLY: '议事在网格里进行，请选择一个网格',
  COUNCIL_NOT_MEMBER: '只有住在本网格的居民和本网格的三长可以参与议事',
  COUNCIL_NOT_HEAD: '只有本网格的网格长、党小组长、楼栋长可以把议题列入议程或不予上会',
  PROPOSAL_NOT_OPEN: '这个议题已不在征集支持阶段，不能再支持或取消支持',
  PROPOSAL_OWN: '不能支持自己提出的议题',
  PROPOSAL_CLOSED: '这个议题已经有了结果，只能查看',
  PROPOSAL_ON_MEETING: '这个议题已列入议事会的议程，请在会上表决',
  PROPOSAL_REQUEST_INVALID: '只能关联你自己反映的或本网格的诉求',
  // council meetings and votes (议事会, 表决): H6
  MEETING_NOT_SCHEDULER: '只有本网格的网格长或社区工作者可以召集和主持议事会',
  MEETING_AGENDA_INVALID: '议程只能包含本网格待议的议题，且每个议题只能列入一次尚未结束的议事会',
  MEETING_MEMBER_INVALID: '只能邀请本网格的居民或负责本网格的工作人员参会',
  MEETING_NOT_OPEN: '议事会还没有开始表决，或已经结束',
  MEETING_CLOSED: '这次议事会已经结束，只能查看',
  MEETING_NOT_VOTER: '只有本次议事会的参会成员可以表决',
  MEETING_ITEM_CLOSED: '这个议题的表决已经结束，不能再表决',
  MEETING_NO_QUORUM: '参加表决的人数不足法定人数，不能作出决议',
  MEETING_PRESENCE_INVALID: '现场表决只能记录本次议事会到场成员的票，每人一票',
  MEETING_TASK_INVALID: '需要落实的决议请选择参会成员作为负责人，并设定今天以后的完成期限',
  // 周例会 / 月通报 (reports)
  REPORT_LEVEL: '周例会和月通报按社区或街道生成，请选择一个社区或街道',
  REPORT_PERIOD: '这个周期不能生成报告',
  REPORT_TOO_LARGE: '下辖网格太多，这份报告请等定时任务生成',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface Ok<T> {
  ok: true
  data: T
}
/** One problem of a bulk input, e.g. a roster row: which row (1-based, as the spreadsheet shows it) and why. */
export interface Issue {
  row?: number
  field?: string
  reason: string
}

export interface Fail {
  ok: false
  code: ErrorCode
  message: string
  /** Every problem found, when the input had several (a roster import reports all its bad rows at once). */
  issues?: Issue[]
}
export type Envelope<T> = Ok<T> | Fail

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })

/** A failure; `detail` sharpens the standard message (e.g. which field is wrong) without changing the code. */
export const fail = (code: ErrorCode, detail?: string, issues?: Issue[]): Fail => ({
  ok: false,
  code,
  message: detail ? `${ERROR_MESSAGES[code]}：${detail}` : ERROR_MESSAGES[code],
  ...(issues?.length ? { issues } : {}),
})

/** Own keys only: `'toString' in ERROR_MESSAGES` is true too. */
export const isErrorCode = (v: unknown): v is ErrorCode =>
  typeof v === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, v)
