/**
 * The grid tree (组网合一): every place is one `unit` with a level and a materialised path of ancestor ids,
 * so "everything under X" is one prefix query on `path`.
 */
export const LEVELS = ['street', 'community', 'grid', 'microgrid', 'household'] as const
export type Level = (typeof LEVELS)[number]

export const LEVEL_LABELS: Record<Level, string> = {
  street: '街道',
  community: '社区',
  grid: '网格',
  // What residents and every page call it; 微网格 is the governance term for the same unit.
  microgrid: '楼栋',
  household: '户',
}

export interface Unit {
  _id: string
  level: Level
  name: string
  parentId: string | null
  /** '/<streetId>/<communityId>/…/<ownId>/': ancestors then itself, each followed by '/'. */
  path: string
  /** A micro-grid drawn for an emergency (战时网格). */
  wartime?: boolean
  retired?: boolean
  /** Where it sorts among its siblings (core/grid/siblings.ts); every unit but a household and the root. */
  siblingKey?: string
  /** Households: where the door is. */
  building?: string
  entrance?: string
  room?: string
}

/** A move recorded on the moved unit before anything else is written, so a repeated org.moveUnit can finish it. */
export interface PendingMove {
  fromPath: string
  toPath: string
  parentId: string
  /** Set once the subtree's counters moved from the old ancestors to the new (so a resumed move skips it). */
  counted?: boolean
}

/** A unit as stored: while a move is under way it carries the move (see cloudfunctions/org). */
export type StoredUnit = Unit & { moving?: PendingMove }

export const SEPARATOR = '/'

export const childPath = (parentPath: string, id: string): string => `${parentPath}${id}${SEPARATOR}`
export const rootPath = (id: string): string => `${SEPARATOR}${id}${SEPARATOR}`

/** Ids of the unit and all its ancestors, root first. */
export const pathIds = (path: string): string[] => path.split(SEPARATOR).filter(Boolean)

/** Whether `path` lies at or under the unit whose path is `scopePath`. */
export const isWithin = (path: string, scopePath: string): boolean => path.startsWith(scopePath)

/** The nearest ancestor-or-self id at a given depth (0 = street, 1 = community, …). */
export const ancestorAt = (path: string, level: Level): string | undefined => pathIds(path)[LEVELS.indexOf(level)]

/** The path of the ancestor-or-self at a level, or undefined when `path` sits above that level. */
export const ancestorPath = (path: string, level: Level): string | undefined => {
  const ids = pathIds(path).slice(0, LEVELS.indexOf(level) + 1)
  return ids.length === LEVELS.indexOf(level) + 1 ? `${SEPARATOR}${ids.join(SEPARATOR)}${SEPARATOR}` : undefined
}

/** A household's door, as residents write it: 3栋2单元502. */
export const doorLabel = (u: Pick<Unit, 'building' | 'entrance' | 'room'>): string =>
  `${u.building ?? ''}${u.entrance ?? ''}${u.room ?? ''}`
