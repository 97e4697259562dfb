/**
 * The `isolation` function (居家隔离户, issue 12 item 7): households marked home-isolated for a period with their
 * scheduled 物资配送 and 垃圾清运 tasks, volunteers taking and finishing them (one holder, done once, volunteer time
 * credited once), the household's own view, and leaders' figures and overdue list.
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { mine, received } from './handlers/home'
import { end, homes, households, mark } from './handlers/households'
import { figures, overdue } from './handlers/leaders'
import { claim, done, release, tasks } from './handlers/tasks'

const handlers: Handlers<'isolation'> = {
  mark,
  end,
  homes,
  households,
  figures,
  overdue,
  tasks,
  claim,
  release,
  done,
  mine,
  received,
}

export const main = createMain('isolation', handlers, wxPlatform)
