/**
 * The `files` cloud function: the one upload path (reserve, uploaded: core/contract/files.ts), the verdicts of the
 * image checks (the `wxa_media_check` event, pushed here by 消息推送, docs/deploy.md), and the `sweep` timer that
 * deletes files whose time is up and asks again for verdicts that never came (server/uploads.ts).
 */
import { createMain, wxPlatform, type Main } from '../../server/router'
import { applyVerdict, isMediaCheckEvent, sweepFiles } from '../../server/uploads'
import { fail, ok } from '../../core/envelope'
import { reserve, uploaded } from './handlers/uploads'

const routed = createMain('files', { reserve, uploaded }, wxPlatform, {
  sweep: ({ data, firedAt }) => sweepFiles(data, firedAt),
})

export const main: Main = async (event, context) => {
  // a pushed event carries no action; its trace id is what makes it ours (server/uploads.ts applyVerdict)
  if (!isMediaCheckEvent(event)) return routed(event, context)
  try {
    return ok(await applyVerdict(wxPlatform.data(), event))
  } catch (error) {
    wxPlatform.logError('[files wxa_media_check] failed', error)
    return fail('INTERNAL')
  }
}
