/**
 * Subscribe messages "sent" by functions land here instead of on a phone: an append-only JSON-lines file in the
 * data directory (fsync'd before the send is acknowledged), so a developer or a test can inspect them after a
 * restart too.
 */
import fs from 'node:fs'
import path from 'node:path'

export class Outbox {
  private readonly file: string
  private readonly items: unknown[] = []

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'outbox.jsonl')
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue
        try {
          this.items.push(JSON.parse(line))
        } catch {
          // a torn last line from a crash: the send was never acknowledged
        }
      }
    }
  }

  async add(item: unknown): Promise<void> {
    const fh = await fs.promises.open(this.file, 'a')
    try {
      await fh.write(JSON.stringify(item) + '\n')
      await fh.datasync()
    } finally {
      await fh.close()
    }
    this.items.push(item)
  }

  list(): unknown[] {
    return structuredClone(this.items)
  }
}
