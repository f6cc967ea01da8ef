/**
 * Bundles each cloud function into dist/cloudfunctions/<fn>/ exactly as WeChat DevTools or
 * `tcb fn deploy` upload it: index.js (shared code inlined, wx-server-sdk left external),
 * package.json and config.json. Sources and output never share a folder (an index.ts beside an
 * index.js breaks upload).
 */
import { build, type BuildOptions as EsbuildOptions } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FUNCTIONS_OUTPUT, FUNCTIONS_SOURCE, ROOT, functionNames } from './functions'

const SDK_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version as string

/** How a function is bundled; the platform lint (scripts/check-platform.ts) reads the same bundle, unminified. */
export const FUNCTION_BUNDLE = {
  bundle: true,
  platform: 'node',
  // WeChat cloud offers Node 16 and 18 runtimes; 16 is the floor.
  target: 'node16',
  format: 'cjs',
  external: ['wx-server-sdk'],
} satisfies EsbuildOptions

export interface BuildOptions {
  minify?: boolean
  quiet?: boolean
  /** Where the functions go; tests build their own copy so a running `npm start` is never disturbed. */
  outputDir?: string
}

export async function buildFunctions(options: BuildOptions = {}): Promise<string[]> {
  const names = functionNames()
  const outputDir = options.outputDir ?? FUNCTIONS_OUTPUT
  await Promise.all(names.map((name) => buildOne(name, outputDir, options.minify ?? true)))
  if (!options.quiet) console.log(`built ${names.length} cloud functions into ${path.relative(ROOT, outputDir)}/: ${names.join(', ')}`)
  return names
}

/** Builds beside the target and swaps it in, so a runner loading the function never sees half a folder. */
async function buildOne(name: string, outputDir: string, minify: boolean): Promise<void> {
  const finalDir = path.join(outputDir, name)
  const outDir = `${finalDir}.building-${process.pid}`
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  await build({
    ...FUNCTION_BUNDLE,
    entryPoints: [path.join(FUNCTIONS_SOURCE, name, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    minify,
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  })
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${SDK_VERSION}` } }, null, 2) + '\n')
  copyFileSync(path.join(FUNCTIONS_SOURCE, name, 'config.json'), path.join(outDir, 'config.json'))
  rmSync(finalDir, { recursive: true, force: true })
  renameSync(outDir, finalDir)
}

if (require.main === module) {
  buildFunctions({ minify: !process.argv.includes('--no-minify') }).catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
