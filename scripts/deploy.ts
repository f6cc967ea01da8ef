/**
 * `npm run deploy -- --env <env-id> [--dry-run]`: puts the repo into a WeChat cloud environment.
 * Builds the functions, reads the environment (with the deployer's credentials:
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY [/ TENCENTCLOUD_SESSIONTOKEN], or those `tcb login`
 * saved), plans (scripts/deploy/plan.ts: what to create, update or leave), prints the plan and
 * carries it out. A second run plans nothing. `--dry-run` prints the plan and changes nothing; without
 * credentials it plans against an empty environment. `--write-config` rewrites cloudbaserc.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { buildFunctions } from './build-functions'
import { FUNCTIONS_OUTPUT, ROOT } from './functions'
import { declared } from './deploy/declarations'
import { renderCloudbaserc } from './deploy/cloudbaserc'
import { describePlan, planDeploy, type EnvironmentState } from './deploy/plan'

export interface DeployArgs {
  envId: string | null
  dryRun: boolean
  writeConfig: boolean
}

export function parseDeployArgs(argv: string[]): DeployArgs {
  const at = argv.indexOf('--env')
  const envId = at >= 0 ? (argv[at + 1] ?? null) : null
  if (envId !== null && !/^[a-z0-9-]{4,64}$/.test(envId)) throw new Error(`--env: "${envId}" is not an environment ID`)
  return { envId, dryRun: argv.includes('--dry-run'), writeConfig: argv.includes('--write-config') }
}

/** The deployer's credentials: the environment's, else what `tcb login` saved; null when neither. */
export function credentialsFrom(env: Record<string, string | undefined>, home = homedir()): { secretId: string; secretKey: string; token?: string } | null {
  if (env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY)
    return { secretId: env.TENCENTCLOUD_SECRETID, secretKey: env.TENCENTCLOUD_SECRETKEY, ...(env.TENCENTCLOUD_SESSIONTOKEN ? { token: env.TENCENTCLOUD_SESSIONTOKEN } : {}) }
  const file = path.join(home, '.config', '.cloudbase', 'auth.json')
  if (!existsSync(file)) return null
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { credential?: { secretId?: string; secretKey?: string; tmpSecretId?: string; tmpSecretKey?: string; tmpToken?: string } }
  const credential = saved.credential ?? {}
  if (credential.secretId && credential.secretKey) return { secretId: credential.secretId, secretKey: credential.secretKey }
  if (credential.tmpSecretId && credential.tmpSecretKey) return { secretId: credential.tmpSecretId, secretKey: credential.tmpSecretKey, ...(credential.tmpToken ? { token: credential.tmpToken } : {}) }
  return null
}

const EMPTY: EnvironmentState = { functions: [], collections: [] }

/** `.env.local` (git-ignored) as KEY=VALUE lines under the shell's own variables, which win. */
export function withLocalEnv(env: Record<string, string | undefined>, text: string | null): Record<string, string | undefined> {
  const local: Record<string, string> = {}
  for (const line of (text ?? '').split(/\r?\n/)) {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (match) local[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return { ...local, ...env }
}

async function main() {
  const args = parseDeployArgs(process.argv.slice(2))
  const localFile = path.join(ROOT, '.env.local')
  const env = withLocalEnv(process.env, existsSync(localFile) ? readFileSync(localFile, 'utf8') : null)
  await buildFunctions({ quiet: true })
  const repo = declared(env, FUNCTIONS_OUTPUT)
  if (args.writeConfig) {
    writeFileSync(path.join(ROOT, 'cloudbaserc.json'), renderCloudbaserc(repo))
    console.log('cloudbaserc.json 已更新')
    return
  }
  if (!args.envId && !args.dryRun) throw new Error('usage: npm run deploy -- --env <env-id> [--dry-run]')
  const credentials = credentialsFrom(env)
  if (!credentials && !args.dryRun) throw new Error('deploy: no credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY, or run `tcb login`')
  // The SDK is loaded only to talk to a real environment.
  const cloud = credentials && args.envId ? await import('./deploy/cloudbase') : null
  const app = cloud && args.envId && credentials ? cloud.connect(args.envId, credentials) : null
  const state = app && cloud ? await cloud.readState(app) : EMPTY
  const plan = planDeploy(repo, env, state)
  console.log(`${args.dryRun ? '部署计划（未执行）' : '部署计划'}：${args.envId ?? '空环境'}${app ? '' : '（未连接：按空环境计划）'}`)
  for (const line of describePlan(plan)) console.log(`  ${line}`)
  if (args.dryRun || !app || !cloud) return
  if (plan.problems.length) throw new Error('deploy: 先解决以上 ⚠ 项再部署')
  for (const step of plan.steps) {
    await cloud.apply(app, step, repo, env, FUNCTIONS_OUTPUT)
    console.log(`  ✓ ${describePlan({ steps: [step], leftAlone: [], problems: [] })[0]}`)
  }
  console.log(`完成：${plan.steps.length} 项变更`)
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
