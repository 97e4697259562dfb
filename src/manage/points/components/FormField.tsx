/**
 * The one form row of the volunteer-points leader pages: a label over its control. `TextField` is the row with a
 * text or number input (its class names the input, e.g. pa-title, for the page's tests).
 */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '../../ui'

export function Field({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <View className={`pm-field${className ? ` ${className}` : ''}`}>
      <Text className='manage-form__label'>{label}</Text>
      {children}
    </View>
  )
}

export interface TextFieldProps {
  label: string
  /** The input's own class (pa-title, ps-cost …). */
  inputClass: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxLength?: number
  type?: 'text' | 'number' | 'digit'
}

export function TextField({ label, inputClass, value, onChange, placeholder, maxLength, type }: TextFieldProps) {
  return (
    <Field label={label}>
      <Input
        className={`pm-input ${inputClass}`}
        placeholder={placeholder}
        maxLength={maxLength}
        type={type}
        value={value}
        onChange={(v: string) => onChange(v)}
      />
    </Field>
  )
}

/** A whole number typed in a field, or NaN. */
export const wholeNumber = (s: string): number => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/** One of a few choices as a row of chips (`choice`, `choice--active` in manage.css); `chipClass` names each. */
export function Choices<T extends string | number>({
  options,
  value,
  onChange,
  label,
  chipClass,
}: {
  options: readonly T[]
  value: T
  onChange: (v: T) => void
  label: (v: T) => string
  chipClass: (v: T) => string
}) {
  return (
    <View className='choice-row'>
      {options.map((o) => (
        <Text
          key={String(o)}
          className={`choice ${chipClass(o)}${value === o ? ' choice--active' : ''}`}
          onClick={() => onChange(o)}
        >
          {label(o)}
        </Text>
      ))}
    </View>
  )
}
