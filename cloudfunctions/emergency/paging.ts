/** The emergency lists' cursors: the offset of the next page as text (the contract checks its shape). */
export const offsetOf = (cursor: string | undefined): number => (cursor === undefined ? 0 : Number(cursor))

export const nextCursor = (skip: number, pageSize: number, more: boolean): string | null =>
  more ? String(skip + pageSize) : null
