/** The day a reminder belongs to and the minute a message shows, in Beijing time: core/beijing-time.ts. */
export { beijingDay, beijingMinute } from '../beijing-time'
