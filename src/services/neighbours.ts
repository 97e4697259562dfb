/** 楼栋邻里: the residents of my own building, rooms and phones masked except my own household's. */
import type { NeighboursResult } from '../../core/contract'
import { call } from './transport'

export type { NeighbourView, NeighboursResult } from '../../core/contract'

export const NEIGHBOURS_PAGE = '/pages/neighbours/index'

export const getNeighbours = (): Promise<NeighboursResult> => call('grid', 'neighbours', {})
