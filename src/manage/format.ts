/** Small display helpers of the leader pages. */
import { beijingMinute } from '../../core/beijing-time'
import { toServiceError } from '../services/errors'

/** 2026-11-22 08:05, Beijing time. */
export const formatTime = (iso: string): string => beijingMinute(iso)

/** The Chinese message of a failed call, whatever was thrown. */
export const messageOf = (e: unknown): string => toServiceError(e).message
