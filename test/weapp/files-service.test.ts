/**
 * src/services/files.ts on both platforms, with Taro and fetch stubbed: what WeChat's APIs (weapp) or the local
 * cloud's storage routes (h5) are asked for, and the Chinese errors a page shows.
 */
import Taro from '@tarojs/taro'
import { chooseSpreadsheet, MAX_UPLOAD_BYTES, openFile, uploadFile } from '../../src/services/files'
import { ServiceError } from '../../src/services/errors'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    chooseMessageFile: jest.fn(),
    downloadFile: jest.fn(),
    openDocument: jest.fn(),
    cloud: { init: jest.fn(), uploadFile: jest.fn(), downloadFile: jest.fn() },
  },
}))

const taro = Taro as unknown as {
  chooseMessageFile: jest.Mock
  downloadFile: jest.Mock
  openDocument: jest.Mock
  cloud: { init: jest.Mock; uploadFile: jest.Mock; downloadFile: jest.Mock }
}
const g = globalThis as unknown as Record<string, unknown>
g.CLOUD_ENV = '' // defined by the build (config/index.ts)
const FILE_ID = 'cloud://local.6c6f-local-1250000000/rosters/co-1/名册.xlsx'

const rejection = async (p: Promise<unknown>): Promise<ServiceError> => {
  try {
    await p
  } catch (e) {
    return e as ServiceError
  }
  throw new Error('expected a rejection')
}

beforeEach(() => jest.clearAllMocks())

describe('weapp', () => {
  beforeAll(() => {
    process.env.TARO_ENV = 'weapp'
  })

  it('chooseSpreadsheet picks one .xlsx from a chat; cancelling gives null', async () => {
    taro.chooseMessageFile.mockResolvedValueOnce({
      tempFiles: [{ path: 'wxfile://tmp/1.xlsx', name: '名册.xlsx', size: 2048, type: 'file', time: 1 }],
    })
    await expect(chooseSpreadsheet()).resolves.toEqual({ name: '名册.xlsx', size: 2048, path: 'wxfile://tmp/1.xlsx' })
    expect(taro.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx'] })

    taro.chooseMessageFile.mockRejectedValueOnce({ errMsg: 'chooseMessageFile:fail cancel' })
    await expect(chooseSpreadsheet()).resolves.toBeNull()
  })

  it('uploadFile sends the temp file to cloud storage and returns its fileID', async () => {
    taro.cloud.uploadFile.mockResolvedValueOnce({ fileID: FILE_ID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
    const id = await uploadFile(
      { name: '名册.xlsx', size: 2048, path: 'wxfile://tmp/1.xlsx' },
      'rosters/co-1/名册.xlsx',
    )
    expect(id).toBe(FILE_ID)
    expect(taro.cloud.uploadFile).toHaveBeenCalledWith({
      cloudPath: 'rosters/co-1/名册.xlsx',
      filePath: 'wxfile://tmp/1.xlsx',
    })
    expect(taro.cloud.init).toHaveBeenCalled()
  })

  it('uploadFile refuses a file over the limit before sending, and reports a failed upload in Chinese', async () => {
    const big = await rejection(uploadFile({ name: 'a.xlsx', size: MAX_UPLOAD_BYTES + 1, path: 'p' }, 'a.xlsx'))
    expect(big).toBeInstanceOf(ServiceError)
    expect(big.message).toMatch(/^文件过大/)
    expect(taro.cloud.uploadFile).not.toHaveBeenCalled()

    taro.cloud.uploadFile.mockRejectedValueOnce({ errMsg: 'cloud.uploadFile:fail' })
    expect((await rejection(uploadFile('wxfile://tmp/2.xlsx', 'b.xlsx'))).message).toBe('文件上传失败，请稍后再试')
  })

  it('openFile downloads a fileID or a URL and opens it in the document viewer', async () => {
    taro.cloud.downloadFile.mockResolvedValueOnce({ tempFilePath: 'wxfile://tmp/d1.xlsx', statusCode: 200 })
    await openFile(FILE_ID, '名册.xlsx')
    expect(taro.cloud.downloadFile).toHaveBeenCalledWith({ fileID: FILE_ID })
    expect(taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/d1.xlsx',
      showMenu: true,
      fileType: 'xlsx',
    })

    taro.downloadFile.mockResolvedValueOnce({ tempFilePath: 'wxfile://tmp/d2.xlsx', statusCode: 200 })
    await openFile('https://example.invalid/x.xlsx?sign=1', '导出.xlsx')
    expect(taro.downloadFile).toHaveBeenCalledWith({ url: 'https://example.invalid/x.xlsx?sign=1' })
    expect(taro.openDocument).toHaveBeenLastCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/d2.xlsx' }))

    taro.downloadFile.mockResolvedValueOnce({ tempFilePath: '', statusCode: 404 })
    expect((await rejection(openFile('https://example.invalid/gone.xlsx', 'g.xlsx'))).message).toMatch(/下载失败/)
  })
})

describe('h5 (local cloud)', () => {
  const fetchMock = jest.fn()
  beforeAll(() => {
    process.env.TARO_ENV = 'h5'
    g.fetch = fetchMock
  })
  afterAll(() => {
    delete g.fetch
  })

  const answer = (status: number, body: unknown) =>
    fetchMock.mockResolvedValueOnce({ status, ok: status < 300, json: () => Promise.resolve(body) })

  it('chooseSpreadsheet opens a file dialog for .xlsx and returns the chosen File', async () => {
    const clicked = jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      const file = new File(['PK'], '名册.xlsx')
      Object.defineProperty(this, 'files', { value: [file] })
      this.dispatchEvent(new Event('change'))
    })
    const picked = await chooseSpreadsheet()
    expect(picked).toMatchObject({ name: '名册.xlsx', size: 2 })
    expect(picked?.file).toBeInstanceOf(File)
    expect(document.querySelector('input[type=file]')).toBeNull() // removed again
    clicked.mockRestore()
  })

  it('chooseSpreadsheet gives null when the dialog is cancelled', async () => {
    const clicked = jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      expect(this.accept).toContain('.xlsx')
      this.dispatchEvent(new Event('cancel'))
    })
    await expect(chooseSpreadsheet()).resolves.toBeNull()
    clicked.mockRestore()
  })

  it('uploadFile POSTs the raw file to /local/storage/upload and returns the fileID', async () => {
    answer(200, { fileID: FILE_ID })
    const file = new File(['PK'], '名册.xlsx')
    await expect(uploadFile({ name: '名册.xlsx', size: 2, file }, 'rosters/co-1/名册.xlsx')).resolves.toBe(FILE_ID)
    expect(fetchMock).toHaveBeenCalledWith(
      `/local/storage/upload?cloudPath=${encodeURIComponent('rosters/co-1/名册.xlsx')}`,
      { method: 'POST', body: file },
    )
  })

  it('uploadFile reports too large, refused and unreachable in Chinese', async () => {
    answer(413, { errCode: -503001, errMsg: 'uploadFile:fail 文件过大' })
    expect((await rejection(uploadFile(new Blob(['x']), 'a.xlsx'))).message).toMatch(/^文件过大/)
    answer(400, { errCode: -503001, errMsg: 'uploadFile:fail cloudPath 不能包含 . 或 .. 段' })
    expect((await rejection(uploadFile(new Blob(['x']), '../a.xlsx'))).message).toBe('文件上传失败，请稍后再试')
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect((await rejection(uploadFile(new Blob(['x']), 'a.xlsx'))).code).toBe('NETWORK')
  })

  it('openFile saves a temp URL or a fileID from /local/storage/ under the given name', async () => {
    const hrefs: Array<{ href: string; download: string }> = []
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      hrefs.push({ href: this.getAttribute('href') ?? '', download: this.download })
    })
    await openFile('http://127.0.0.1:8700/local/storage/exports/co-1/名册 1.xlsx', '名册.xlsx')
    await openFile(FILE_ID, '导出.xlsx')
    const name = (n: string) => encodeURIComponent(n)
    expect(hrefs).toEqual([
      {
        href: `/local/storage/${encodeURI('exports/co-1/名册 1.xlsx')}?download=${name('名册.xlsx')}`,
        download: '名册.xlsx',
      },
      {
        href: `/local/storage/${encodeURI('rosters/co-1/名册.xlsx')}?download=${name('导出.xlsx')}`,
        download: '导出.xlsx',
      },
    ])
    clicked.mockRestore()
  })
})
