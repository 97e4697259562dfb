/**
 * `npm start`: the local cloud with the demo community, serving the h5 build on 127.0.0.1.
 * WGT_PORT (default 8700) and WGT_DATA_DIR (default .local/data) override where it listens and keeps its data;
 * WGT_BLOCKED_WORDS_FILE the word list of the msgSecCheck stand-in (default emulator/blocked-words.txt).
 */
import fs from 'node:fs'
import path from 'node:path'
import { startLocalCloud } from './index'
import { buildDemoCommunity } from './seed'

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const dataDir = path.resolve(process.env.WGT_DATA_DIR ?? path.join(root, '.local', 'data'))
  const port = Number(process.env.WGT_PORT ?? 8700)
  const staticDir = path.join(root, 'dist-h5')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('dist-h5/ is missing: run `npm run build:h5` (npm start does it for you)')
  }
  const wordsFile = process.env.WGT_BLOCKED_WORDS_FILE ?? path.join(__dirname, 'blocked-words.txt')
  const blockedWords = fs
    .readFileSync(wordsFile, 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter((w) => w && !w.startsWith('#'))
  const demo = buildDemoCommunity()
  const cloud = await startLocalCloud({
    dataDir,
    port,
    staticDir,
    personas: demo.personas,
    blockedWords,
    // images: the same word list decides a risky verdict; verdicts go to the files function (消息推送)
    mediaCheck: { riskyWords: blockedWords },
    messagePush: { wxa_media_check: 'files' },
    onTimer: (f) => console.log(`[timer] ${JSON.stringify(f)}`),
  })
  // Seed only an empty database: what people did in the demo survives restarts.
  if (!cloud.stats().units) {
    await cloud.seed({
      units: demo.units,
      people: demo.people,
      unitCounters: demo.unitCounters,
      ...demo.points,
      ...demo.requests,
    })
    console.log(`演示数据已生成：${demo.units.length} 个网格节点，${demo.people.length} 人`)
  }
  console.log(`网格通本地云已启动：${cloud.url}/  （数据目录 ${dataDir}，Ctrl+C 停止）`)
  const stop = (): void => {
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e: Error & { code?: string }) => {
  console.error(e.code === 'EADDRINUSE' ? '端口已被占用：设置 WGT_PORT 换一个端口再试' : e.message)
  process.exit(1)
})
