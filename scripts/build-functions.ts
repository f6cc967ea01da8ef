/**
 * Bundles each cloud function into dist/cloudfunctions/<fn>/ exactly as WeChat DevTools or
 * `tcb fn deploy` upload it: index.js (shared code inlined, wx-server-sdk left external),
 * package.json and config.json. Sources and output never share a folder (an index.ts beside an
 * index.js breaks upload).
 */
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FUNCTIONS_OUTPUT, FUNCTIONS_SOURCE, ROOT, functionNames } from './functions'

const SDK_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version as string

export async function buildFunctions(options: { minify?: boolean; quiet?: boolean } = {}): Promise<string[]> {
  const names = functionNames()
  await Promise.all(names.map((name) => buildOne(name, options.minify ?? true)))
  if (!options.quiet) console.log(`built ${names.length} cloud functions into ${path.relative(ROOT, FUNCTIONS_OUTPUT)}/: ${names.join(', ')}`)
  return names
}

async function buildOne(name: string, minify: boolean): Promise<void> {
  const outDir = path.join(FUNCTIONS_OUTPUT, name)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  await build({
    entryPoints: [path.join(FUNCTIONS_SOURCE, name, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // WeChat cloud offers Node 16 and 18 runtimes; 16 is the floor.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify,
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  })
  writeFileSync(
    path.join(outDir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${SDK_VERSION}` } }, null, 2) + '\n',
  )
  copyFileSync(path.join(FUNCTIONS_SOURCE, name, 'config.json'), path.join(outDir, 'config.json'))
}

if (require.main === module) {
  buildFunctions({ minify: !process.argv.includes('--no-minify') }).catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
