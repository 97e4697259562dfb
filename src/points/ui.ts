/** NutUI controls only the volunteer-points sub-package uses, kept here so the main package does not carry them. */
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch'
