/** Placeholder while the page is built (三长议事). */
import { View } from '@tarojs/components'

export default function Page() {
  return <View className='app-page' />
}
