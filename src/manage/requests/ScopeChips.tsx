/** The role a page works as, for a person holding several (a grid chief who is also community staff). */
import { Text, View } from '@tarojs/components'
import type { RequestScope } from './scope'

export function ScopeChips({
  scopes,
  value,
  onChange,
}: {
  scopes: RequestScope[]
  value: RequestScope
  onChange: (s: RequestScope) => void
}) {
  if (scopes.length < 2) return null
  return (
    <View className='choice-row rq-scopes'>
      {scopes.map((s) => (
        <Text
          key={s.key}
          className={`choice rq-scope${s.key === value.key ? ' choice--active' : ''}`}
          onClick={() => onChange(s)}
        >
          {s.name}
        </Text>
      ))}
    </View>
  )
}
