/**
 * Collections, indexes and security rules, as data. The local cloud creates exactly these at start;
 * scripts/db-apply.ts applies them to a real environment; docs/data.md describes them (a test keeps
 * the two in step). Cloud functions bypass security rules, so every collection is closed to clients.
 */
export interface IndexSpec {
  name: string
  /** 1 / -1: ascending / descending; '2dsphere': a geo index, which geoNear/geoWithin/geoIntersects require */
  keys: Record<string, 1 | -1 | '2dsphere'>
}
export interface CollectionSpec {
  name: string
  purpose: string
  indexes: IndexSpec[]
}

/**
 * The security rule of every collection: ADMINONLY (仅管理员可读写). Clients never read or write the database
 * directly; cloud functions run as admin and enforce every rule themselves (core/permissions.ts).
 */
export const COLLECTION_ACL = 'ADMINONLY' as const

export const COLLECTIONS: CollectionSpec[] = [
  {
    name: 'units',
    purpose: '网格树：街道、社区、网格、微网格、户，每个节点一条，带层级与物化路径',
    indexes: [
      { name: 'path_1', keys: { path: 1 } },
      { name: 'parentId_1', keys: { parentId: 1 } },
      { name: 'level_1_path_1', keys: { level: 1, path: 1 } },
      { name: 'siblingKey_1', keys: { siblingKey: 1 } },
    ],
  },
  {
    name: 'people',
    purpose: '人员：居民与各类角色，一人可多角色',
    indexes: [
      { name: 'openid_1', keys: { openid: 1 } },
      { name: 'householdId_1', keys: { householdId: 1 } },
      { name: 'homePath_1', keys: { homePath: 1 } },
      { name: 'roles.unitId_1', keys: { 'roles.unitId': 1 } },
    ],
  },
  {
    name: 'invites',
    purpose: '邀请：入户邀请卡与群绑定卡背后的令牌',
    indexes: [{ name: 'unitId_1', keys: { unitId: 1 } }],
  },
  {
    name: 'claims',
    purpose: '入户申请：居民认领房间，待楼栋长或网格长确认',
    indexes: [
      { name: 'openid_1', keys: { openid: 1 } },
      { name: 'status_1_householdPath_1', keys: { status: 1, householdPath: 1 } },
    ],
  },
  {
    name: 'groups',
    purpose: '网格微信群：群的 openGId 绑定到网格',
    indexes: [{ name: 'gridId_1', keys: { gridId: 1 } }],
  },
  {
    name: 'audit',
    purpose: '审计日志：领导查看完整个人信息的每一次记录（只追加）',
    indexes: [{ name: 'unitPath_1_at_-1', keys: { unitPath: 1, at: -1 } }],
  },
  {
    name: 'notices',
    purpose: '通知：一条通知一个文档，无论发给多少户',
    indexes: [
      { name: 'unitIds_1_publishedAt_-1', keys: { unitIds: 1, publishedAt: -1 } },
      { name: 'publisherId_1_publishedAt_-1', keys: { publisherId: 1, publishedAt: -1 } },
      // dashboard.repairStats: the notices of a period under a community or street, by path prefix
      { name: 'unitPaths_1_publishedAt_-1', keys: { unitPaths: 1, publishedAt: -1 } },
    ],
  },
  {
    name: 'receipts',
    purpose: '触达回执：每户每条通知一条（收到或上门告知），只追加',
    indexes: [
      { name: 'noticeId_1_microgridId_1', keys: { noticeId: 1, microgridId: 1 } },
      // dashboard.repairStats: a grid's households reached in a period
      { name: 'gridId_1_at_1', keys: { gridId: 1, at: 1 } },
    ],
  },
  {
    name: 'acks',
    purpose: '个人已读与收到：每人每条通知一条',
    indexes: [
      { name: 'personId_1_noticeId_1', keys: { personId: 1, noticeId: 1 } },
      // the countAcks timer's page of 收到 not yet counted, and a notice's number of them (its reach page)
      { name: 'uncounted_1_noticeId_1', keys: { uncounted: 1, noticeId: 1 } },
    ],
  },
  {
    name: 'reachCounters',
    purpose: '触达计数：每条通知每个单位（楼栋、网格、社区、街道）分片计数，读时相加，与回执同一事务更新',
    indexes: [
      { name: 'noticeId_1', keys: { noticeId: 1 } },
      { name: 'unitId_1', keys: { unitId: 1 } },
    ],
  },
  {
    name: 'unitCounters',
    purpose: '单元计数：每个街道、社区、网格、微网格一条，整棵子树的户数、居民、已加入、待审核等，与变动同一事务更新',
    indexes: [{ name: 'path_1', keys: { path: 1 } }],
  },
  {
    name: 'relays',
    purpose: '转发：网格长把上级通知转发到本网格群，可附一句话',
    indexes: [{ name: 'noticeId_1', keys: { noticeId: 1 } }],
  },
  {
    name: 'uploads',
    purpose:
      '存储文件：用户上传的图片（所有者、用途、大小、类型、审核状态、所附内容）与含个人信息的导出文件，到期由定时任务删除',
    indexes: [
      { name: 'fileID_1', keys: { fileID: 1 } },
      { name: 'traceId_1', keys: { traceId: 1 } },
      { name: 'expiresAt_1', keys: { expiresAt: 1 } },
      { name: 'ownerId_1', keys: { ownerId: 1 } },
      { name: 'state_1_checkSentAt_1', keys: { state: 1, checkSentAt: 1 } },
    ],
  },
  {
    name: 'reminders',
    purpose: '提醒：每条通知每个单元每天最多一次',
    indexes: [{ name: 'noticeId_1', keys: { noticeId: 1 } }],
  },
  {
    name: 'subscriptions',
    purpose: '订阅消息：居民同意接收的一次性订阅次数',
    indexes: [
      { name: 'personId_1', keys: { personId: 1 } },
      { name: 'homePath_1', keys: { homePath: 1 } },
      // 日调度: the leaders who accepted the morning template, in id order
      { name: 'templateId_1_remaining_1', keys: { templateId: 1, remaining: 1 } },
    ],
  },
  {
    name: 'deliveries',
    purpose: '投递任务：发布后由定时器分批发送订阅消息，发布本身不随受众增长',
    indexes: [{ name: 'status_1', keys: { status: 1 } }],
  },
  {
    name: 'deliveryShards',
    purpose: '投递分片：一条通知的订阅消息按订阅编号分段，各段由定时器并行发送、各自续传',
    indexes: [
      { name: 'status_1_lockedUntil_1', keys: { status: 1, lockedUntil: 1 } },
      { name: 'noticeId_1', keys: { noticeId: 1 } },
    ],
  },
  {
    name: 'accounts',
    purpose: '积分账户：社区积分池、每位居民、每个商户各一个，余额是其流水之和的缓存，与流水同一事务更新',
    indexes: [{ name: 'kind_1_nextExpiry_1', keys: { kind: 1, nextExpiry: 1 } }],
  },
  {
    name: 'transfers',
    purpose: '积分流水：每笔转移两条分录相加为零，只追加、不修改，带原因、关联、操作人与时间',
    indexes: [{ name: 'accounts_1_at_-1', keys: { accounts: 1, at: -1 } }],
  },
  {
    name: 'services',
    purpose: '积分兑换服务：社区与商户提供的服务或物品，带积分、库存、每人限兑、有效期与服务范围',
    indexes: [
      { name: 'unitIds_1_status_1', keys: { unitIds: 1, status: 1 } },
      { name: 'provider.id_1_createdAt_-1', keys: { 'provider.id': 1, createdAt: -1 } },
    ],
  },
  {
    name: 'vouchers',
    purpose: '兑换券：兑换时发放，凭券码或二维码核销一次，未核销前可取消退回积分',
    indexes: [
      { name: 'personId_1_createdAt_-1', keys: { personId: 1, createdAt: -1 } },
      { name: 'providerAccount_1_code_1', keys: { providerAccount: 1, code: 1 } },
      { name: 'providerAccount_1_usedAt_-1', keys: { providerAccount: 1, usedAt: -1 } },
    ],
  },
  {
    name: 'activities',
    purpose: '志愿活动：岗位与名额（各岗位已报名、候补人数与报名计数）、报名范围、报名时间、积分规则与签到码密钥',
    indexes: [
      { name: 'audience.id_1_status_1_startAt_1', keys: { 'audience.id': 1, status: 1, startAt: 1 } },
      { name: 'organiserId_1_startAt_-1', keys: { organiserId: 1, startAt: -1 } },
      // 日调度: a unit's activities starting today
      { name: 'unitPath_1_startAt_1', keys: { unitPath: 1, startAt: 1 } },
    ],
  },
  {
    name: 'signups',
    purpose: '接龙报名：每人每活动每岗位一条，候补按报名序号递补，签到签退、调整与所得积分',
    indexes: [
      { name: 'activityId_1_roleIndex_1_status_1_seq_1', keys: { activityId: 1, roleIndex: 1, status: 1, seq: 1 } },
      { name: 'activityId_1_status_1_seq_1', keys: { activityId: 1, status: 1, seq: 1 } },
      { name: 'personId_1_startAt_-1', keys: { personId: 1, startAt: -1 } },
      { name: 'communityId_1_earnedAt_1', keys: { communityId: 1, earnedAt: 1 } },
      { name: 'teamIds_1_earnedAt_1', keys: { teamIds: 1, earnedAt: 1 } },
      // the adjustments a leader made: a deletion renames them (privacy)
      { name: 'adjusted.by_1', keys: { 'adjusted.by': 1 } },
    ],
  },
  {
    name: 'volunteers',
    purpose: '志愿者：每人一条，累计时长与积分（已确认报名的缓存）、近一年缺席与是否上排行榜',
    indexes: [{ name: 'gridId_1_hidden_1_minutes_-1', keys: { gridId: 1, hidden: 1, minutes: -1 } }],
  },
  {
    name: 'teams',
    purpose: '志愿服务队：所属网格或社区、队长、成员数与累计时长积分',
    indexes: [{ name: 'communityId_1_minutes_-1', keys: { communityId: 1, minutes: -1 } }],
  },
  {
    name: 'teamMembers',
    purpose: '服务队成员：每人每队一条，入队后所得时长与积分',
    indexes: [
      { name: 'teamId_1_hidden_1_minutes_-1', keys: { teamId: 1, hidden: 1, minutes: -1 } },
      { name: 'personId_1', keys: { personId: 1 } },
    ],
  },
  {
    name: 'activityMessages',
    purpose: '活动订阅消息：新活动发布后由定时器分批发给订阅了新活动提醒的居民，每人每个活动至多一条',
    indexes: [{ name: 'status_1_lockedUntil_1', keys: { status: 1, lockedUntil: 1 } }],
  },
  {
    name: 'pointsSettings',
    purpose:
      '社区志愿积分规则：每个社区一条（取消时限、缺席限制、签到时段、夜间时段、星级、到期、调整额度），未设置时用默认值',
    // who last changed them: a deletion renames it (privacy)
    indexes: [{ name: 'updatedBy_1', keys: { updatedBy: 1 } }],
  },
  // ---- requests (诉求, issue 11) ----
  {
    name: 'requests',
    purpose:
      '诉求：居民或巡查上报的一件事，带类别、地点、当前状态与层级、各项时限与超时标记；每次流转与其处理记录、计数同一事务',
    indexes: [
      // the inbox of whoever owns it now (a grid, community, street or department), soonest due first
      { name: 'ownerKey_1_group_1_nextDueAt_1', keys: { ownerKey: 1, group: 1, nextDueAt: 1 } },
      // everything under a leader's unit, by group, level or overdue, most recently changed first
      { name: 'path_1_group_1_updatedAt_-1', keys: { path: 1, group: 1, updatedAt: -1 } },
      { name: 'path_1_level_1_group_1_updatedAt_-1', keys: { path: 1, level: 1, group: 1, updatedAt: -1 } },
      { name: 'path_1_overdue_1_updatedAt_-1', keys: { path: 1, overdue: 1, updatedAt: -1 } },
      // duplicate hints: open ones of a category in a building, else in the grid
      {
        name: 'buildingId_1_category_1_group_1_createdAt_-1',
        keys: { buildingId: 1, category: 1, group: 1, createdAt: -1 },
      },
      { name: 'gridId_1_category_1_group_1_createdAt_-1', keys: { gridId: 1, category: 1, group: 1, createdAt: -1 } },
      // the timer: open ones past their next deadline; done ones unrated for a week
      { name: 'group_1_nextDueAt_1', keys: { group: 1, nextDueAt: 1 } },
      { name: 'state_1_resolvedAt_1', keys: { state: 1, resolvedAt: 1 } },
      // a person's own (privacy: their export and deletion)
      { name: 'reporterId_1', keys: { reporterId: 1 } },
      // 日调度: open requests under a unit falling due today
      { name: 'path_1_group_1_overdue_1_nextDueAt_1', keys: { path: 1, group: 1, overdue: 1, nextDueAt: 1 } },
      // 日调度: open overdue requests under a unit, newest change first (only those carry overduePath)
      { name: 'overduePath_1_updatedAt_-1', keys: { overduePath: 1, updatedAt: -1 } },
    ],
  },
  {
    name: 'requestEvents',
    purpose: '诉求处理记录：每次流转一条（操作人、时间、说明、照片、原因），只追加、不修改',
    indexes: [
      { name: 'requestId_1_seq_1', keys: { requestId: 1, seq: 1 } },
      // a person's moves (privacy: their export and deletion)
      { name: 'actorId_1', keys: { actorId: 1 } },
    ],
  },
  {
    name: 'requestFollowers',
    purpose: '诉求关注：反映人与点“我也遇到了”的居民，每人每条一个；“我的诉求”按诉求更新时间分页',
    indexes: [
      { name: 'personId_1_requestUpdatedAt_-1', keys: { personId: 1, requestUpdatedAt: -1 } },
      { name: 'requestId_1', keys: { requestId: 1 } },
    ],
  },
  {
    name: 'requestCounters',
    purpose: '诉求计数：每个网格、社区、街道、职能部门每个上报月份一条（响应、解决、评价等），与诉求流转同一事务更新',
    indexes: [{ name: 'scopeKey_1_month_1', keys: { scopeKey: 1, month: 1 } }],
  },
  {
    name: 'requestSettings',
    purpose: '诉求设置：社区的类别开关与时限，街道的职能部门、节假日与调休；没有时用默认值',
    indexes: [],
  },
  {
    name: 'patrols',
    purpose: '巡查台账：网格长或网格团队每次巡查的路线、时间与发现（可一步转为诉求）',
    indexes: [
      { name: 'gridId_1_startedAt_-1', keys: { gridId: 1, startedAt: -1 } },
      { name: 'personId_1_startedAt_-1', keys: { personId: 1, startedAt: -1 } },
    ],
  },
  {
    name: 'patrolDays',
    purpose: '巡查日标记：每个网格每天一条，社区按网格编号读出某天巡查了哪些网格',
    indexes: [],
  },
  {
    name: 'testingRounds',
    purpose: '错时采样轮次：范围（社区或网格）、日期、采样点与工作人员、已排时段的楼栋、分配进度',
    indexes: [
      { name: 'communityId_1_date_-1', keys: { communityId: 1, date: -1 } },
      { name: 'workerIds_1_date_-1', keys: { workerIds: 1, date: -1 } },
      // the rounds of the last days (the counters' repair)
      { name: 'date_1', keys: { date: 1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'createdBy_1', keys: { createdBy: 1 } },
    ],
  },
  {
    name: 'testingSlots',
    purpose: '采样时段：每栋楼按顺序排的时段（开始时间、时长、可约户数、已约、已采、叫号时间）',
    indexes: [
      { name: 'roundId_1_buildingId_1_index_1', keys: { roundId: 1, buildingId: 1, index: 1 } },
      { name: 'roundId_1_siteIndex_1_startAt_1', keys: { roundId: 1, siteIndex: 1, startAt: 1 } },
    ],
  },
  {
    name: 'testingBookings',
    purpose: '采样预约：每户每轮一条（所在时段、是否已采），换时段与标记完成都在事务中',
    indexes: [
      { name: 'householdId_1_startAt_-1', keys: { householdId: 1, startAt: -1 } },
      { name: 'slotId_1', keys: { slotId: 1 } },
    ],
  },
  {
    name: 'testingCounters',
    purpose: '采样覆盖计数：每轮每个楼栋、网格、社区分片记已约与已采户数，与预约和完成同一事务更新',
    indexes: [{ name: 'roundId_1', keys: { roundId: 1 } }],
  },
  // announcements of emergency mode (issue 12): a call-up's and a round's subscribe messages
  {
    name: 'messageJobs',
    purpose: '订阅消息任务：一次召集或一轮采样的订阅消息，由定时器分批发出，每人每次至多一条',
    indexes: [{ name: 'kind_1_status_1_lockedUntil_1', keys: { kind: 1, status: 1, lockedUntil: 1 } }],
  },
  // emergency mode (issue 12, E1)
  {
    name: 'emergencies',
    purpose: '应急状态：社区或街道在一个范围内宣布的应急响应，带置顶的应急须知；结束后保留备查',
    indexes: [
      { name: 'scopeUnitId_1_endedAt_1', keys: { scopeUnitId: 1, endedAt: 1 } },
      { name: 'scopePath_1_startAt_-1', keys: { scopePath: 1, startAt: -1 } },
      // ended with 战时网格 still to retire (the retireMicroGrids timer)
      { name: 'wartimeRetiring_1', keys: { wartimeRetiring: 1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'declaredBy_1', keys: { declaredBy: 1 } },
      { name: 'endedBy_1', keys: { endedBy: 1 } },
    ],
  },
  {
    name: 'emergencyLocks',
    purpose: '应急锁：每个范围一条，记着进行中的那次应急状态，保证同一范围同时只有一次',
    indexes: [],
  },
  {
    name: 'reserveMembers',
    purpose: '应急力量：登记的下沉干部、双报到党员、志愿者与商户员工，带技能与可参与时间',
    indexes: [
      { name: 'path_1_registeredAt_-1', keys: { path: 1, registeredAt: -1 } },
      { name: 'kind_1_path_1', keys: { kind: 1, path: 1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'registeredBy_1', keys: { registeredBy: 1 } },
    ],
  },
  {
    name: 'callUps',
    purpose: '应急召集：为一次应急状态召集某范围内的应急力量，带到岗、不能到与已安排的人数',
    indexes: [
      { name: 'emergencyId_1_unitPath_1_createdAt_-1', keys: { emergencyId: 1, unitPath: 1, createdAt: -1 } },
      { name: 'unitId_1_createdAt_-1', keys: { unitId: 1, createdAt: -1 } },
      // the answer counts' repair walks the last days' call-ups (emergency repairCallUpCounts)
      { name: 'createdAt_1', keys: { createdAt: 1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'createdBy_1', keys: { createdBy: 1 } },
    ],
  },
  {
    name: 'callUpAnswers',
    purpose: '召集答复：每人每次召集一条（到岗或不能到），以及被安排的岗位',
    indexes: [
      { name: 'callUpId_1_answer_1_answeredAt_-1', keys: { callUpId: 1, answer: 1, answeredAt: -1 } },
      { name: 'personId_1_answeredAt_-1', keys: { personId: 1, answeredAt: -1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'assignment.by_1', keys: { 'assignment.by': 1 } },
    ],
  },
  // 战时网格 (emergency mode): micro-grids over a grid's buildings, and each building's lock
  {
    name: 'wartimeGrids',
    purpose: '战时网格：应急期间把一个网格的楼栋划成几块，各由一名应急力量临时负责；撤销后保留备查',
    indexes: [
      { name: 'gridId_1_retiredAt_1_createdAt_-1', keys: { gridId: 1, retiredAt: 1, createdAt: -1 } },
      { name: 'emergencyId_1_retiredAt_1', keys: { emergencyId: 1, retiredAt: 1 } },
      { name: 'leaderId_1_retiredAt_1', keys: { leaderId: 1, retiredAt: 1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'createdBy_1', keys: { createdBy: 1 } },
      { name: 'retiredBy_1', keys: { retiredBy: 1 } },
    ],
  },
  {
    name: 'wartimeBuildingLocks',
    purpose: '战时网格楼栋锁：每栋楼一条，记着它所在的战时网格，保证一栋楼同时只在一个战时网格里',
    indexes: [],
  },
  // ---- checkpoints and duty shifts (issue 12) ----
  {
    name: 'checkpoints',
    purpose: '卡口：小区或村口的值守点，属于网格或社区，可关联一次应急状态',
    indexes: [
      { name: 'unitPath_1_createdAt_-1', keys: { unitPath: 1, createdAt: -1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'createdBy_1', keys: { createdBy: 1 } },
    ],
  },
  {
    name: 'shifts',
    purpose: '值守班次：卡口的一个时段，带人数上限、已报名人数与交接班记录',
    indexes: [
      { name: 'checkpointId_1_startAt_1', keys: { checkpointId: 1, startAt: 1 } },
      { name: 'checkpointId_1_endAt_1', keys: { checkpointId: 1, endAt: 1 } },
      { name: 'unitPath_1_free_1_startAt_1', keys: { unitPath: 1, free: 1, startAt: 1 } },
      // the seat counts' repair walks the shifts from yesterday on (duty repairCounters)
      { name: 'startAt_1', keys: { startAt: 1 } },
      // the notes a person left (their export and deletion, privacy)
      { name: 'handover.by_1', keys: { 'handover.by': 1 } },
    ],
  },
  {
    name: 'shiftSignups',
    purpose: '值守报名：每人每班次一条，带签到签退、时长与所得积分',
    indexes: [
      { name: 'shiftId_1', keys: { shiftId: 1 } },
      { name: 'personId_1_endAt_-1', keys: { personId: 1, endAt: -1 } },
      { name: 'checkpointId_1_personId_1_status_1', keys: { checkpointId: 1, personId: 1, status: 1 } },
      { name: 'unitPath_1_status_1_startAt_1', keys: { unitPath: 1, status: 1, startAt: 1 } },
    ],
  },
  {
    name: 'dutyPeople',
    purpose: '个人值守记录：每人一条，记着所占的班次，保证一个人不会同时在两个重叠的班次',
    indexes: [],
  },
  {
    name: 'dutySettings',
    purpose: '值守设置：每个社区一条，值守每小时所得积分',
    indexes: [],
  },
  // ---- care persons (关爱对象, 四包一; issue 12 item 6) ----
  {
    name: 'carePersons',
    purpose: '关爱对象：每人一条，关爱标记、备注、四包一包联人、探访与未探访标记，取消标记后保留历史',
    indexes: [
      { name: 'active_1_homePath_1', keys: { active: 1, homePath: 1 } },
      { name: 'active_1_openAlertDay_1_homePath_1', keys: { active: 1, openAlertDay: 1, homePath: 1 } },
      { name: 'helperIds_1', keys: { helperIds: 1 } },
      { name: 'active_1_lastAlertDay_1_lastCheckDay_1', keys: { active: 1, lastAlertDay: 1, lastCheckDay: 1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'history.byId_1', keys: { 'history.byId': 1 } },
    ],
  },
  {
    name: 'careChecks',
    purpose: '每日探访：包联人每天对每位关爱对象一条（是否见到本人、体温、需求），同一天再打卡即更新',
    indexes: [
      { name: 'carePersonId_1_day_-1', keys: { carePersonId: 1, day: -1 } },
      { name: 'helperId_1_day_-1', keys: { helperId: 1, day: -1 } },
    ],
  },
  {
    name: 'careAlerts',
    purpose: '未探访提醒：关爱对象某天过了截止时间无人探访，每人每天一条',
    indexes: [
      { name: 'carePersonId_1_day_-1', keys: { carePersonId: 1, day: -1 } },
      // 日调度: a unit's missed checks since yesterday
      { name: 'homePath_1_day_-1', keys: { homePath: 1, day: -1 } },
    ],
  },
  // ---- home-isolated households (居家隔离户, issue 12 item 7) ----
  {
    name: 'isolations',
    purpose: '居家隔离：一户一次隔离一条，带隔离期、物资配送与垃圾清运的时间，提前结束也保留记录',
    indexes: [
      { name: 'householdPath_1_createdAt_-1', keys: { householdPath: 1, createdAt: -1 } },
      { name: 'householdPath_1_status_1_endAt_1', keys: { householdPath: 1, status: 1, endAt: 1 } },
      { name: 'householdId_1_createdAt_-1', keys: { householdId: 1, createdAt: -1 } },
      // what a person did as staff: a deletion renames it (privacy)
      { name: 'createdBy_1', keys: { createdBy: 1 } },
      { name: 'endedBy_1', keys: { endedBy: 1 } },
    ],
  },
  {
    name: 'isolationHomes',
    purpose: '隔离户当前隔离：每户一条，保证同一户的两次隔离不会重叠',
    indexes: [],
  },
  {
    name: 'isolationTasks',
    purpose: '隔离服务任务：每户每类每天每个时间一条（物资配送、垃圾清运），带领取人、完成时间与备注',
    indexes: [
      { name: 'gridPath_1_state_1_dueAt_1', keys: { gridPath: 1, state: 1, dueAt: 1 } },
      { name: 'holderId_1_state_1_dueAt_1', keys: { holderId: 1, state: 1, dueAt: 1 } },
      { name: 'isolationId_1_dueAt_1', keys: { isolationId: 1, dueAt: 1 } },
    ],
  },
  {
    name: 'isolationDays',
    purpose: '隔离服务日计数：每个网格每天一条，当天应做、已领取、已完成的任务数',
    indexes: [],
  },
  // ---- dashboard period figures (数据看板, issue 13 item 3) ----
  {
    name: 'unitStats',
    purpose:
      '看板计数：每个街道、社区、网格每月、每周一条（通知、触达、志愿时长、积分、巡查、未探访），与所计的记录同一事务更新',
    indexes: [{ name: 'period_1_unitId_1', keys: { period: 1, unitId: 1 } }],
  },
  {
    name: 'statMarks',
    purpose: '看板去重标记：一户或一人在一个周期的一项人数里只计一次',
    // dashboard.repairStats: a grid's markers of a period, compared with the recount
    indexes: [{ name: 'period_1_unitIds_1', keys: { period: 1, unitIds: 1 } }],
  },
  {
    name: 'repairCursors',
    purpose: '修复任务的进度：看板计数按单位和周期逐一复核，每次定时触发从上次停下的位置继续',
    indexes: [],
  },
  // ---- council (三长议事, issue 13): proposals; meetings and votes: H6 (append below the proposals' entries) ----
  {
    name: 'proposals',
    purpose:
      '议题：居民或三长为本网格提出的事项，支持人数、状态（征集支持、待议、已表决、不予上会）与历史，表决结果与公开理由',
    indexes: [
      // a grid's tab (征集中 / 待议 / 已决) newest change first, keyset; similar reads the newest open ones
      { name: 'gridId_1_stage_1_stageAt_-1', keys: { gridId: 1, stage: 1, stageAt: -1 } },
      // a person's proposals: 导出我的数据 and deletion (privacy)
      { name: 'proposerId_1', keys: { proposerId: 1 } },
      // the steps a head made on anyone's proposals (列入议程, 不予上会): a deletion renames them (privacy)
      { name: 'history.byId_1', keys: { 'history.byId': 1 } },
      // 周例会 / 月通报: decisions taken under a community or street in a period, newest first
      { name: 'status_1_gridPath_1_decision.at_-1', keys: { status: 1, gridPath: 1, 'decision.at': -1 } },
    ],
  },
  {
    name: 'proposalSupports',
    purpose: '议题支持：每人每个议题一条，取消支持后不再计数',
    indexes: [
      // a person's supports: 导出我的数据 and deletion (privacy)
      { name: 'personId_1', keys: { personId: 1 } },
      // a proposal's supports (the recount of its count)
      { name: 'proposalId_1_active_1', keys: { proposalId: 1, active: 1 } },
    ],
  },
  {
    name: 'councilSettings',
    purpose: '议事设置：每个网格一条，议题进入议程所需的支持人数',
    indexes: [],
  },
  // meetings and votes (议事会, 表决): H6
  {
    name: 'councilMeetings',
    purpose: '议事会：网格长或社区召集，线上或现场，时间地点、参会成员（三长与受邀人员）、议程、法定人数和会议纪要',
    indexes: [
      // a grid's meetings newest first, keyset
      { name: 'gridId_1_startAt_-1', keys: { gridId: 1, startAt: -1 } },
    ],
  },
  {
    name: 'councilItems',
    purpose:
      '议事会议程的每个议题：赞成、反对、弃权票数（与每张票同一事务更新）、现场到场名单、表决结果与公开理由、公告与落实诉求',
    indexes: [
      // the decisions' tasks a person owns: a deletion renames them (privacy)
      { name: 'task.ownerId_1', keys: { 'task.ownerId': 1 } },
    ],
  },
  {
    name: 'councilVotes',
    purpose: '表决票：每位参会成员每个议题一张，改票改写同一张；现场表决由网格长代录',
    indexes: [
      // a person's votes: 导出我的数据 and deletion (privacy)
      { name: 'personId_1', keys: { personId: 1 } },
    ],
  },
  // ---- 周例会 / 月通报 (reports, issue 13 item 5) ----
  {
    name: 'reports',
    purpose:
      '周例会、月通报：每个社区、街道每周、每月一份，本期与上期数据、下辖网格红黑榜、本期议事决定，发布为通知后记下通知',
    indexes: [
      // a unit's reports newest period first, keyset; one kind of them
      { name: 'unitId_1_endsAt_-1', keys: { unitId: 1, endsAt: -1 } },
      { name: 'unitId_1_kind_1_endsAt_-1', keys: { unitId: 1, kind: 1, endsAt: -1 } },
      // who generated one and who published it: a deletion renames them (privacy)
      { name: 'generatedBy_1', keys: { generatedBy: 1 } },
      { name: 'notice.by_1', keys: { 'notice.by': 1 } },
    ],
  },
  {
    name: 'reportRuns',
    purpose: '周报、月报定时生成的进度：每个周期一条，记下走到哪个社区或街道，下一次触发从那里接着生成',
    indexes: [],
  },
]
