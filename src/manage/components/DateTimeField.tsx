/**
 * A date and a time picked with the platform's own pickers (Taro Picker mode date / time: the wheel in WeChat, the
 * same wheel in the browser), never typed. Device time, as the person reads their phone's clock. `dateOnly`: just
 * the day (the time part kept as it was).
 */
import { Picker, Text, View } from '@tarojs/components'
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

const two = (n: number): string => String(n).padStart(2, '0')
/** YYYY-MM-DD, as Picker mode date takes and gives it. */
export const pickerDay = (d: Date): string => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
/** HH:mm, as Picker mode time takes and gives it. */
export const pickerTime = (d: Date): string => `${two(d.getHours())}:${two(d.getMinutes())}`
const WEEKDAYS = '日一二三四五六'

/** 12月5日 周六 (with the year when it is not this one). */
export function dayLabel(d: Date, now = new Date()): string {
  const day = `${d.getMonth() + 1}月${d.getDate()}日 周${WEEKDAYS[d.getDay()]}`
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}年${day}`
}

/** `value` moved to the day picked (YYYY-MM-DD), keeping its time. */
export function withDay(value: Date, day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d, value.getHours(), value.getMinutes())
}

/** `value` at the time picked (HH:mm), keeping its day. */
export function withTime(value: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number)
  return new Date(value.getFullYear(), value.getMonth(), value.getDate(), h, m)
}

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
