/**
 * 用户隐私保护指引: what the join page shows a visitor before they give their name, room and phone (PIPL Art. 17:
 * what is collected, why, who sees it, how long it is kept and how to have it deleted), and what the mini-program's
 * guide in the WeChat admin console (设置 → 服务内容声明 → 用户隐私保护指引) must say too (docs/deploy.md). It
 * describes what the code does: core/grid/phone-visibility.ts (who sees what), server/audit.ts (the audit log),
 * privacy.exportMyData / requestDeletion and join.leaveHousehold, requests' views (a place masked to neighbours) and
 * the deletion of requests and volunteering (core/privacy/requests.ts, cloudfunctions/privacy). Change the version whenever the text changes in
 * substance: everyone who agreed to an older version is asked again.
 */

export interface GuideSection {
  title: string
  paragraphs: readonly string[]
}

export const PRIVACY_GUIDE = {
  version: '2026-12-02',
  title: '网格通用户隐私保护指引',
  intro: '加入网格前，请了解我们收集哪些信息、为什么收集、谁能看到，以及你怎样查看和删除它们。',
  sections: [
    {
      title: '我们收集什么',
      paragraphs: [
        '你填写的姓名、手机号和门牌（楼栋、单元、房号）。',
        '微信为本小程序提供的用户标识，用来在你下次打开时认出你；我们不获取你的微信号、头像或昵称。',
        '如果你选择“使用微信手机号”，微信会把你绑定的手机号验证后交给本小程序，我们只保存这个号码。',
        '你反映诉求时写下的内容、拍摄或选择的照片和地点；只有你在地图上选点时，本小程序才获取那个位置。',
        '你参加志愿活动的报名、签到签退时间、服务时长和积分。',
      ],
    },
    {
      title: '为什么收集',
      paragraphs: [
        '楼栋长或网格长核对你是这一户的住户后，你才能加入网格。',
        '加入后，网格把通知送到你家，在你没有收到时上门或打电话告知，并在你提出诉求时联系你。',
      ],
    },
    {
      title: '谁能看到',
      paragraphs: [
        '你本人和同一户的家人：完整的手机号和门牌。',
        '管辖你所在楼栋的楼栋长、党小组长、网格长和社区工作者：完整的手机号和门牌；他们每次查看都会记入审计日志，你可以在“我的”里导出数据查看。',
        '同楼栋的邻居：只能看到遮挡后的手机号（如 138****5678）和楼栋单元，看不到房号。',
        '如果你担任楼栋长等网格三长，你的手机号会向本网格的居民公开，方便大家联系你。',
        '你反映的诉求：处理它的网格三长、社区、街道和职能部门能看到你的姓名、手机号和地点；同网格的居民只看到诉求内容和遮挡后的地点（不含房号和你家的位置），你选择匿名时也看不到你的姓名。',
        '我们不会把你的信息提供给网格和社区以外的任何人。',
      ],
    },
    {
      title: '保存多久，怎样删除',
      paragraphs: [
        '信息保存到你退出本户或注销为止。',
        '在“我的”里可以：导出我的数据（看我们保存了什么、谁看过）；退出本户（家里的信息不再与你关联）；注销我的信息（删除你的姓名和手机号，此后这个微信不再被认出）。',
        '加入申请未通过时，申请记录会保留，以便说明原因；你加入后注销时，申请记录中的姓名和手机号一并删除。',
        '注销后，你反映过的诉求仍会保留（问题还要处理完），但不再显示你的姓名；你的志愿服务记录同样去掉姓名，你上传的照片一并删除。',
      ],
    },
  ] satisfies readonly GuideSection[],
  agree: '同意并继续',
  decline: '不同意',
  declined: '不同意隐私保护指引就无法加入网格：姓名、手机号和门牌是楼栋长核对住户所必需的。你可以随时重新阅读并同意。',
} as const
