/// <reference types="@tarojs/taro" />
/** Ambient declarations for the Taro app (src/): style imports, build-time constants, Taro's env vars. */

declare module '*.css'
declare module '*.png'
declare module '*.svg'

/** WeChat cloud environment id, from TARO_APP_CLOUD_ENV at build time (config/index.ts); '' = default env. */
declare const CLOUD_ENV: string

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro builds for; compared literally so the other platform's branch is dropped. */
    TARO_ENV?: 'weapp' | 'h5'
    TARO_APP_CLOUD_ENV?: string
  }
}
