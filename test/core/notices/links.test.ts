import { sourceLink } from '../../../core/notices/links'

describe('sourceLink: where a notice published for a record opens', () => {
  it.each([
    [{ kind: 'emergency', id: 'em1' }, 'emergency', { id: 'em1' }, '查看应急须知'],
    [{ kind: 'testing', id: 'tr1' }, 'testingSlot', {}, '查看我家的采样时段'],
    [{ kind: 'council', id: 'prop1' }, 'councilProposal', { id: 'prop1' }, '查看议题和表决结果'],
  ] as const)('%j opens %s', (source, route, query, label) => {
    expect(sourceLink(source)).toEqual({ route, query, label })
  })
})
