/** The personas the local cloud offers for its demo login (h5 only; GET /local/personas). */
import { NETWORK_MESSAGE, ServiceError } from './errors'
import type { Persona } from './session'

export async function listPersonas(): Promise<Persona[]> {
  try {
    const res = await fetch('/local/personas')
    if (!res.ok) throw new Error(String(res.status))
    const body = (await res.json()) as unknown
    // Accept a bare array or { personas: [...] } so the page does not hinge on the wrapper.
    const list = Array.isArray(body) ? body : (body as { personas?: unknown }).personas
    return Array.isArray(list) ? (list as Persona[]) : []
  } catch {
    throw new ServiceError('NETWORK', NETWORK_MESSAGE)
  }
}
