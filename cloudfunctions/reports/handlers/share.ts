/**
 * reports.export / publish (周例会 / 月通报). export: the report as an .xlsx (workbook.ts) stored through the exports'
 * path (server/roster/files.ts publishFile: a temporary URL) and recorded for the sweep (server/uploads.ts
 * recordExport, purpose reportExport: deleted an hour after, core/uploads.ts EXPORT_RETENTION_MS). publish: the
 * report's words (core/reports/summary.ts reportNotice) as a notice to the report's unit through
 * server/notice-publish.ts with the report's own notice id (core/ids.ts reportNoticeId): a second tap, a retry or a
 * racing twin publishes nothing new and answers the same notice; the report records it once.
 */
import { EXPORT_RETENTION_MS } from '../../../core/uploads'
import { reportNoticeId } from '../../../core/ids'
import { labelOf } from '../../../core/reports/period'
import { KIND_NAMES, reportNotice } from '../../../core/reports/summary'
import { AppError } from '../../../server/errors'
import { announcementExpiry, publishNotice } from '../../../server/notice-publish'
import { publishFile } from '../../../server/roster/files'
import type { Action } from '../../../server/router'
import { recordExport } from '../../../server/uploads'
import { writeReport } from '../workbook'
import { reportUnit } from './reports'

const EXPORT_URL_SECONDS = EXPORT_RETENTION_MS.reportExport / 1000
/** How long a published report stays up as a notice. */
const REPORT_NOTICE_DAYS = 7

export const exportReport: Action<'reports', 'export'> = {
  target: reportUnit,
  async handle({ data, payload, caller }) {
    const report = await data.reports.get(payload.reportId)
    if (!report) throw new AppError('NOT_FOUND')
    const fileName = `${report.unitName}${labelOf(report.period)}${KIND_NAMES[report.kind]}.xlsx`
    const { file, cloudPath } = await publishFile(
      `report-${report.unitId}`,
      fileName,
      await writeReport(report),
      EXPORT_URL_SECONDS,
    )
    await recordExport(data, {
      ownerId: caller.person?._id ?? '',
      purpose: 'reportExport',
      fileID: file.fileID,
      cloudPath,
    })
    return file
  },
}

export const publish: Action<'reports', 'publish'> = {
  target: reportUnit,
  async handle({ data, payload, caller }) {
    const report = await data.reports.get(payload.reportId)
    if (!report) throw new AppError('NOT_FOUND')
    const id = reportNoticeId(report._id)
    if (report.notice) return { noticeId: report.notice.id, created: false }
    const now = new Date()
    const words = reportNotice({
      unitName: report.unitName,
      kind: report.kind,
      label: labelOf(report.period),
      figures: report.figures,
      previous: report.previous,
      boards: report.boards,
      decisions: report.decisions,
    })
    const { created } = await publishNotice(
      data,
      caller,
      {
        ...words,
        images: [],
        urgency: 'normal',
        ackRequired: false,
        expiresAt: announcementExpiry(now, REPORT_NOTICE_DAYS, now),
        unitIds: [report.unitId],
      },
      // the reports' own permission let the caller act over the unit
      { id, authority: 'scope' },
    )
    const by = caller.person?._id ?? ''
    const byName = caller.person?.name ?? ''
    await data.transaction(async (tx) => {
      const held = await tx.reports.get(report._id)
      if (held && !held.notice) await tx.reports.update(report._id, { notice: { id, publishedAt: now, by, byName } })
    })
    return { noticeId: id, created }
  },
}
