/// <reference types="@tarojs/taro" />
declare module '*.png'
declare module '*.svg'
declare module '*.scss'
declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined
    TARO_APP_ID?: string
    NODE_ENV?: string
  }
}

/** Replaced at build time (config/index.ts defineConstants). */
declare const HUIYUAN_CLOUD_ENV: string
declare const HUIYUAN_STORE_ID: string
