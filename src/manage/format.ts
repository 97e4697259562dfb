/** Small display helpers of the leader pages. */
import { toServiceError } from '../services/errors'

const pad = (n: number): string => String(n).padStart(2, '0')

/** 2026-11-22 08:05, in the device's time zone. */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The Chinese message of a failed call, whatever was thrown. */
export const messageOf = (e: unknown): string => toServiceError(e).message
