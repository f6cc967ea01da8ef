/**
 * Reads what the platform checks look at, from the project as it is on disk: each function's bundle and
 * config.json, the app's page config, and the database's security rules.
 */
import { build, type StdinOptions } from 'esbuild'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { FUNCTION_BUNDLE } from '../build-functions'
import { FUNCTIONS_SOURCE, ROOT, functionNames } from '../functions'
import { PORT_MODULE } from './openapiCalls'
import type { AppPages } from './tabBar'
import type { SecurityRule } from './securityRules'
import type { TriggerConfig } from './triggers'

export interface FunctionConfig extends TriggerConfig {
  permissions?: { openapi?: string[] }
}

export interface ProjectFunction {
  name: string
  config: FunctionConfig
}

export function projectFunctions(): ProjectFunction[] {
  return functionNames().map((name) => ({ name, config: JSON.parse(readFileSync(path.join(FUNCTIONS_SOURCE, name, 'config.json'), 'utf8')) as FunctionConfig }))
}

export function portSource(): string {
  return readFileSync(path.join(ROOT, PORT_MODULE), 'utf8')
}

/**
 * A function's bundle as deployed, but unminified (module boundaries and names stay readable) and without
 * third-party packages, which cannot reach the port and would only make the bundle ten times larger.
 * `source` is a function's name, or code to bundle as if it were one (for the lint's own tests).
 */
export async function functionBundle(source: string | StdinOptions): Promise<string> {
  const result = await build({
    ...FUNCTION_BUNDLE,
    ...(typeof source === 'string' ? { entryPoints: [path.join(FUNCTIONS_SOURCE, source, 'index.ts')] } : { stdin: source }),
    absWorkingDir: ROOT,
    packages: 'external',
    write: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

/** client/app.config.ts as Taro reads it: `defineAppConfig` is a compile-time global that returns its argument. */
export async function appConfig(): Promise<AppPages> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'client', 'app.config.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    banner: { js: 'var defineAppConfig = (config) => config;' },
  })
  const module = { exports: {} as { default?: AppPages } }
  vm.runInNewContext(result.outputFiles[0].text, { module, exports: module.exports })
  if (!module.exports.default) throw new Error('client/app.config.ts has no default export')
  return module.exports.default
}

export function securityRules(): Record<string, SecurityRule> {
  return JSON.parse(readFileSync(path.join(ROOT, 'database', 'security-rules.json'), 'utf8')) as Record<string, SecurityRule>
}
