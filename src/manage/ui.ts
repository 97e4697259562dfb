/**
 * NutUI controls only the leader pages use, imported here (not in src/ui/nutui.ts, which the app loads at
 * launch) so they stay in the `manage` sub-package.
 */
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input'
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch'
export { Button, Cell, CellGroup, Empty, Loading, Tag } from '../ui/nutui'
