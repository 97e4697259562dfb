/** 诉求: not built yet; the tab says so plainly. */
import { ComingSoon } from '../../../components/ComingSoon'

export default function RequestsPage() {
  return (
    <ComingSoon feature='诉求' glyph='诉' description='遇到小区里的问题，可以在这里向网格反映，并随时查看处理进度。' />
  )
}
