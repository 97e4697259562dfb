/** The rules of stored files (core/uploads.ts): what an image is by its bytes, who sees it by its check, paths. */
import {
  imageVisibility,
  sniffImage,
  uploadIdOf,
  uploadPath,
  verdictState,
  withheldLine,
  type UploadState,
} from '../../core/uploads'

const bytes = (...b: number[]) => Uint8Array.from(b)

describe('sniffImage: the type by the first bytes, never the name', () => {
  it.each([
    ['jpg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['gif', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61)],
    ['webp', bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50)],
    [null, bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x41, 0x56, 0x49, 0x20)], // RIFF, but AVI
    [null, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    [null, bytes(0x25, 0x50, 0x44, 0x46)], // %PDF
    [null, bytes()],
  ])('%s', (want, head) => expect(sniffImage(head)).toBe(want))
})

describe('imageVisibility: who sees an attached image, by its check', () => {
  it.each<[UploadState, boolean, string]>([
    ['pass', false, 'shown'],
    ['pass', true, 'shown'],
    ['pending', true, 'checking'],
    ['pending', false, 'hidden'],
    ['review', true, 'checking'],
    ['review', false, 'hidden'],
    ['risky', true, 'hidden'],
    ['risky', false, 'hidden'],
    ['uploaded', true, 'hidden'],
    ['reserved', true, 'hidden'],
    ['export', true, 'hidden'],
  ])('%s, uploader or leader: %s → %s', (state, maySee, want) => expect(imageVisibility(state, maySee)).toBe(want))
})

describe('verdictState', () => {
  it.each([
    ['pass', 'pass'],
    ['review', 'review'],
    ['risky', 'risky'],
    ['PASS', null],
    [undefined, null],
    [1, null],
  ])('%s → %s', (suggest, want) => expect(verdictState(suggest)).toBe(want))
})

describe('upload paths', () => {
  const id = 'a'.repeat(24)
  const folder = '0123456789abcdef'
  it('an upload id is read back from the fileID of its path, and only from one', () => {
    const path = uploadPath('notice', folder, id, 'png')
    expect(path).toBe(`uploads/notice/${folder}/${id}.png`)
    expect(uploadIdOf(`cloud://env.bucket/${path}`)).toEqual({ purpose: 'notice', ownerFolder: folder, id })
  })
  it.each([
    `cloud://env.bucket/notices/g1/${id}.png`,
    `cloud://env.bucket/uploads/notice/${folder}/${id}.svg`,
    `cloud://env.bucket/uploads/notice/short/${id}.png`,
    `cloud://env.bucket/uploads/notice/${folder}/${id.slice(1)}.png`,
  ])('not an upload path: %s', (fileID) => expect(uploadIdOf(fileID)).toBeNull())
  it('says in Chinese how many images were withheld', () => expect(withheldLine(2)).toMatch(/^2 张图片未通过/))
})
