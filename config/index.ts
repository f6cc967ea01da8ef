import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { Compiler } from 'webpack'
import type Chain from 'webpack-chain'

// NutUI's stylesheets are written for a 375px design; ours for 750px.
// The client imports the shared contract (types, constants) from outside sourceRoot; compile it too.
const contractDir = path.resolve(__dirname, '..', 'cloudfunctions/shared/contract')
const compile = { include: [(modulePath: string) => modulePath.startsWith(contractDir)] }

const designWidth = (input?: unknown) => ((input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750)

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * npm start's H5 build is timed from `npm start` to the first page (bench `start`), so H5 trades a
 * few percent of bundle size for speed; the weapp package, whose size is checked, is left as it was.
 * - esbuild minifies JS and CSS instead of terser and cssnano: the build's CPU time went from 77 s
 *   to 52 s (measured without the cache), for JS 4 % larger (7 % gzipped).
 * - webpack's persistent cache: a build after an edit redoes only what changed. It is set here, not
 *   with Taro's `cache`, whose build dependencies name src/app.config (not ours) and so fail every
 *   cache write.
 * - scripts/h5Build.ts swaps the build in once webpack is done, while the cache is still being
 *   written: the line below tells it when.
 */
function speedUpH5(chain: Chain) {
  chain.cache({
    type: 'filesystem',
    cacheDirectory: process.env.HUIYUAN_BUILD_CACHE_DIR ?? path.resolve(__dirname, '..', 'node_modules', '.cache', 'webpack'),
    name: `${process.env.NODE_ENV}-h5`,
    buildDependencies: { config: [__filename, path.resolve(__dirname, '..', 'babel.config.js'), path.resolve(__dirname, '..', 'package-lock.json')] },
    // The build-time settings are in the bundle: other values, another cache. So are the app's and
    // pages' configs, which Taro reads itself rather than as modules webpack would watch.
    version: JSON.stringify([process.env.TARO_APP_CLOUD_ENV ?? '', process.env.TARO_APP_STORE_ID ?? '', pageConfigsHash()]),
  })
  // Taro hands esbuild cssnano's `preset` option, which esbuild refuses. (Only production builds minify.)
  if (chain.get('mode') === 'production') chain.optimization.minimizer('esBuildCssPlugin').tap(([options]) => [{ ...options, minimizerOptions: { target: ['chrome80', 'safari13'] } }])
  if (process.env.HUIYUAN_H5_OUTPUT) chain.plugin('huiyuanAssetsWritten').use(AssetsWritten)
}

/** A hash of every `*.config.ts` under client/ (app.config and each page's title, pull-to-refresh…). */
function pageConfigsHash(): string {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.name.endsWith('.config.ts')) hash.update(file).update(readFileSync(file))
    }
  }
  walk(path.resolve(__dirname, '..', 'client'))
  return hash.digest('hex').slice(0, 16)
}

/** scripts/h5Build.ts waits for this line. */
const ASSETS_WRITTEN = '[huiyuan] H5 assets written'

/** Prints ASSETS_WRITTEN once a build without errors has written its files. */
class AssetsWritten {
  apply(compiler: Compiler) {
    compiler.hooks.done.tap('huiyuanAssetsWritten', (stats) => {
      if (!stats.hasErrors()) console.log(`\n${ASSETS_WRITTEN}`)
    })
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  const isProduction = process.env.NODE_ENV === 'production'
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'huiyuan',
    date: '2026-11-22',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    // scripts/h5Build.ts builds H5 beside the served folder and swaps it in when complete.
    outputRoot: (isH5 && process.env.HUIYUAN_H5_OUTPUT) || `dist/${process.env.TARO_ENV}`,
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
    // See speedUpH5.
    jsMinimizer: isH5 ? 'esbuild' : 'terser',
    cssMinimizer: isH5 ? 'esbuild' : 'csso',
    // Not es5, Taro's default: the bundle already holds ES2015 (const, let) from untranspiled
    // dependencies, which terser left alone and esbuild refuses to lower.
    esbuild: { minify: { enable: true, config: { target: 'es2015' } } },
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
      webpackChain: speedUpH5,
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
