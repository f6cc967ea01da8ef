import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { INDEXES } from '../../cloudfunctions/shared/data/indexes'
import { FUNCTIONS_OUTPUT, FUNCTIONS_SOURCE, ROOT, functionNames } from '../functions'

/** What the repo says a WeChat cloud environment must hold: read from the repo's own declarations, nothing typed twice. */
export interface Declared {
  functions: DeclaredFunction[]
  collections: DeclaredCollection[]
  /** Subscription templates by purpose, with the ID the deployment will use (null: still the registry's placeholder). */
  templates: Array<{ purpose: string; env: string; id: string | null }>
}
export interface DeclaredFunction {
  name: string
  runtime: string
  timeout: number
  memorySize: number
  triggers: Array<{ name: string; type: 'timer'; config: string }>
  /** Environment variables the bundle reads and where their values come from (names only: values are the deployer's). */
  variables: Array<{ name: string; required: boolean }>
  /** sha256 of the built bundle and its package.json, kept in the function's description so a second deploy sees it is current. */
  codeHash: string
}
export interface DeclaredCollection {
  name: string
  rule: string
  indexes: Array<{ name: string; keys: Array<[string, 1 | -1]>; unique: boolean }>
}

/** WeChat cloud's Node runtime the bundles are built for (esbuild targets node18). */
export const RUNTIME = 'Nodejs18.15'
const DEFAULT_MEMORY_MB = 256
/** The export assembles files of ~10 MB in memory: more room than the default. */
const MEMORY_MB: Record<string, number> = { staff: 512 }
/** The registry's template IDs until a deployment configures its own. */
const PLACEHOLDER = /^tpl-/

/** The env variable a template purpose is configured by (runtime/notify reads the same name). */
export function templateEnv(purpose: string): string {
  return `HUIYUAN_TEMPLATE_${purpose.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`
}

/** The variables a bundle reads: the member-code secret where it is used, template IDs where messages are sent. */
export function variablesOf(bundle: string, templates: Declared['templates']): DeclaredFunction['variables'] {
  const variables: DeclaredFunction['variables'] = []
  if (bundle.includes('HUIYUAN_MEMBER_CODE_SECRET')) variables.push({ name: 'HUIYUAN_MEMBER_CODE_SECRET', required: true })
  if (bundle.includes('HUIYUAN_TEMPLATE_')) for (const template of templates) variables.push({ name: template.env, required: false })
  return variables
}

/** The repo's declarations, from built bundles in `functionsDir` (run `npm run build:functions` first). */
export function declared(env: Record<string, string | undefined> = process.env, functionsDir = FUNCTIONS_OUTPUT): Declared {
  const templates = Object.entries(SUBSCRIBE_TEMPLATES).map(([purpose, registry]) => {
    const configured = env[templateEnv(purpose)] || registry
    return { purpose, env: templateEnv(purpose), id: PLACEHOLDER.test(configured) ? null : configured }
  })
  const functions = functionNames().map((name): DeclaredFunction => {
    const config = JSON.parse(readFileSync(path.join(FUNCTIONS_SOURCE, name, 'config.json'), 'utf8')) as { timeout?: number; triggers?: Array<{ name: string; type: 'timer'; config: string }> }
    const bundlePath = path.join(functionsDir, name, 'index.js')
    if (!existsSync(bundlePath)) throw new Error(`deploy: ${path.relative(ROOT, bundlePath)} is missing: build the functions first`)
    const bundle = readFileSync(bundlePath, 'utf8')
    return {
      name,
      runtime: RUNTIME,
      timeout: config.timeout ?? 3,
      memorySize: MEMORY_MB[name] ?? DEFAULT_MEMORY_MB,
      triggers: config.triggers ?? [],
      variables: variablesOf(bundle, templates),
      codeHash: createHash('sha256')
        .update(bundle)
        .update(readFileSync(path.join(functionsDir, name, 'package.json')))
        .digest('hex')
        .slice(0, 16),
    }
  })
  const rules = JSON.parse(readFileSync(path.join(ROOT, 'database', 'security-rules.json'), 'utf8')) as Record<string, unknown>
  const collections = COLLECTIONS.map((name) => ({
    name,
    rule: JSON.stringify(rules[name] ?? { read: false, write: false }),
    indexes: INDEXES.filter((index) => index.collection === name).map((index) => ({ name: index.name, keys: index.fields, unique: index.unique === true })),
  }))
  return { functions, collections, templates }
}
