/**
 * A date and a time picked with the platform's own pickers (Taro Picker mode date / time: the wheel in WeChat, the
 * same wheel in the browser), never typed. Beijing time whatever the phone's zone: a leader picking 09:00 means
 * 09:00 in Beijing. `dateOnly`: just the day (the time part kept as it was).
 */
import { Picker, Text, View } from '@tarojs/components'
import { beijingAt, beijingClock, beijingDay, dateText, WEEKDAYS, weekdayOf } from '../../../core/beijing-time'
import './DateTimeField.css'

export interface DateTimeFieldProps {
  label: string
  value: Date
  onChange: (value: Date) => void
  /** The first and last day offered. */
  start?: Date
  end?: Date
  dateOnly?: boolean
  className?: string
}

/** YYYY-MM-DD (Beijing), as Picker mode date takes and gives it. */
export const pickerDay = (d: Date): string => beijingDay(d)
/** HH:mm (Beijing), as Picker mode time takes and gives it. */
export const pickerTime = (d: Date): string => beijingClock(d)

/** 12月5日 周六 (with the year when it is not this one), Beijing time. */
export const dayLabel = (d: Date, now = new Date()): string =>
  `${dateText(d, now)} 周${WEEKDAYS[weekdayOf(beijingDay(d))]}`

/** `value` moved to the day picked (YYYY-MM-DD), keeping its time. */
export const withDay = (value: Date, day: string): Date => beijingAt(day, beijingClock(value))

/** `value` at the time picked (HH:mm), keeping its day. */
export const withTime = (value: Date, time: string): Date => beijingAt(beijingDay(value), time)

export function DateTimeField({ label, value, onChange, start, end, dateOnly, className }: DateTimeFieldProps) {
  return (
    <View className={`dt-field${className ? ` ${className}` : ''}`}>
      <Text className='manage-form__label'>{label}</Text>
      <View className='dt-field__row'>
        <Picker
          mode='date'
          value={pickerDay(value)}
          start={start ? pickerDay(start) : undefined}
          end={end ? pickerDay(end) : undefined}
          onChange={(e) => onChange(withDay(value, String(e.detail.value)))}
        >
          <Text className='dt-field__date'>{dayLabel(value)}</Text>
        </Picker>
        {dateOnly ? null : (
          <Picker
            mode='time'
            value={pickerTime(value)}
            onChange={(e) => onChange(withTime(value, String(e.detail.value)))}
          >
            <Text className='dt-field__time'>{pickerTime(value)}</Text>
          </Picker>
        )}
      </View>
    </View>
  )
}
