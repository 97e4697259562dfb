/**
 * NutUI controls only the requests sub-package uses (the report and detail pages), imported here so the main package
 * every launch downloads does not carry them.
 */
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input'
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch'
export { Button, Cell, CellGroup, Empty, Tag } from '../ui/nutui'
