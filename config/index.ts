import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// NutUI's stylesheets are written for a 375px design; ours for 750px.
// The client imports the shared contract (types, constants) from outside sourceRoot; compile it too.
const contractDir = path.resolve(__dirname, '..', 'cloudfunctions/shared/contract')
const compile = { include: [(modulePath: string) => modulePath.startsWith(contractDir)] }

const designWidth = (input?: unknown) => ((input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750)

export default defineConfig<'webpack5'>(async (merge) => {
  const isProduction = process.env.NODE_ENV === 'production'
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'huiyuan',
    date: '2026-11-22',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Build-time settings, always defined (an unset process.env.X would be left in the bundle, and
    // the mini-program has no process object): the cloud environment and the till's store.
    defineConstants: {
      HUIYUAN_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      HUIYUAN_STORE_ID: JSON.stringify(process.env.TARO_APP_STORE_ID ?? 'store-001'),
    },
    alias: {
      '@contract': contractDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
      compile,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile,
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return merge({}, base, isProduction ? {} : { mini: {}, h5: {} })
})
