/**
 * Taro build config: weapp -> dist/ (the mini-program root of project.config.json), h5 -> dist-h5/ (served by
 * the local cloud). Nothing here downloads: builds run with --no-check and the persistent cache stays off.
 *
 * Build-time settings (read from the environment, never hard-coded):
 * - TARO_APP_CLOUD_ENV: the WeChat cloud environment id the weapp calls (empty = the account's default env).
 */
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

const root = path.resolve(__dirname, '..')
// 长辈模式: a postcss pass after pxtransform (an absolute path: Taro resolves bare names as npm packages).
const elderCss = path.join(__dirname, 'postcss-elder.js')

// NutUI's stylesheets are drawn on a 375 px canvas, ours on Taro's default 750 px one.
const designWidth = (input?: string | number | { file?: string }): number =>
  typeof input === 'object' && input?.file?.replace(/\\+/g, '/').includes('@nutui/') ? 375 : 750

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'wanggetong',
    date: '2026-11-22',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
    },
    // Mirrors tsconfig's `@/*` path; core/ is imported relatively from src/services.
    alias: { '@': path.join(root, 'src') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      // core/ lives outside src/ but is TypeScript the app imports: transpile it too.
      compile: { include: [path.join(root, 'core')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        [elderCss]: { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [path.join(root, 'core')] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        [elderCss]: { enable: true, config: {} },
      },
    },
  }
  return merge({}, config)
})
