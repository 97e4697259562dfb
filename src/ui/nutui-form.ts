/**
 * NutUI form controls, kept out of ui/nutui.ts on purpose: only sub-package pages (加入网格) use them, so
 * the weapp bundles them into that sub-package instead of the main package every launch downloads.
 */
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'

export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input'
