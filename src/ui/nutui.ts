/**
 * The NutUI controls the app uses, imported on demand: each component from its own folder together with
 * its compiled stylesheet, so neither build carries the whole library or its 230 KB style.css. (This is
 * what NutUI's babel-plugin-import recipe generates; spelling it out needs no extra build plugin.)
 * config/index.ts gives files under @nutui/ a 375 px design width, as NutUI's styles expect.
 */
import '@nutui/nutui-react-taro/dist/es/packages/avatar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'

export { default as Avatar } from '@nutui/nutui-react-taro/dist/es/packages/avatar'
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button'
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell'
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup'
export { default as Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty'
export { default as Loading } from '@nutui/nutui-react-taro/dist/es/packages/loading'
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag'
