/**
 * The benchmark's cloud function: one read and one write through the real wx-server-sdk, the smallest shape
 * of a real action (look the caller up, record something).
 */
import cloud from 'wx-server-sdk'

// the SDK's types only admit a string for env; DYNAMIC_CURRENT_ENV is its documented symbol
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export async function main(event: { id: string }): Promise<{ name: string }> {
  const db = cloud.database()
  const people = db.collection('people')
  const { data } = (await people.doc(event.id).get()) as unknown as { data: { name: string } }
  await people.doc(event.id).update({ data: { benchVisits: db.command.inc(1) } })
  return { name: data.name }
}
