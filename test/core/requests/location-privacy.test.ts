/**
 * The report page picks a place with wx.chooseLocation: WeChat refuses that call unless app.json lists it under
 * requiredPrivateInfos (weapp only) and the 用户隐私保护指引 declares it, which docs/deploy.md tells the deployer to do.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '../../..')

async function appConfig(env: 'weapp' | 'h5'): Promise<Record<string, unknown>> {
  const saved = process.env.TARO_ENV
  process.env.TARO_ENV = env
  ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
  try {
    let config: Record<string, unknown> = {}
    await jest.isolateModulesAsync(async () => {
      config = (await import('../../../src/app.config')).default as unknown as Record<string, unknown>
    })
    return config
  } finally {
    process.env.TARO_ENV = saved
  }
}

it('declares chooseLocation in the weapp app.json, where the report page calls it', async () => {
  expect(readFileSync(join(root, 'src/requests/report/index.tsx'), 'utf8')).toContain('chooseLocation(')
  expect((await appConfig('weapp')).requiredPrivateInfos).toEqual(['chooseLocation'])
  // h5 has no such field (and no WeChat to refuse the call)
  expect((await appConfig('h5')).requiredPrivateInfos).toBeUndefined()
})

it('tells the deployer what the privacy guide must declare for the location', () => {
  const deploy = readFileSync(join(root, 'docs/deploy.md'), 'utf8')
  const line = deploy.split('\n- ').find((item) => item.startsWith('**Location**')) ?? ''
  for (const must of ['requiredPrivateInfos', 'chooseLocation', '用户隐私保护指引', '位置信息'])
    expect(line).toContain(must)
})
