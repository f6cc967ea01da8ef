/**
 * cloudbaserc.json is what the repo declares (every built function with its config.json's timeout
 * and timers, its memory, and a `{{env.…}}` reference for each variable its bundle reads: no
 * value); the declarations find the member-code secret and template IDs from the bundles; the
 * deploy and upload commands read their arguments and credentials strictly.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildFunctions } from '../../../scripts/build-functions'
import { ROOT, functionNames } from '../../../scripts/functions'
import { renderCloudbaserc } from '../../../scripts/deploy/cloudbaserc'
import { declared, templateEnv, variablesOf } from '../../../scripts/deploy/declarations'
import { credentialsFrom, parseDeployArgs, withLocalEnv } from '../../../scripts/deploy'
import { appIdOf, parseUploadArgs } from '../../../scripts/upload-weapp'

const OUT = path.join(ROOT, 'dist', 'deploy-test', 'cloudfunctions')

describe('cloudbaserc.json', () => {
  beforeAll(async () => {
    await buildFunctions({ quiet: true, outputDir: OUT })
  }, 120_000)

  it('is what the repo declares (npm run deploy -- --write-config after a change)', () => {
    expect(readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')).toBe(renderCloudbaserc(declared({}, OUT)))
  })

  it('lists every function with its timers, and references secrets instead of holding them', () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
      functions: Array<{ name: string; timeout: number; triggers: unknown[]; envVariables: Record<string, string> }>
    }
    expect(config.functions.map((fn) => fn.name)).toEqual(functionNames())
    const jobs = config.functions.find((fn) => fn.name === 'jobs')!
    expect(jobs).toMatchObject({ timeout: 60, triggers: [{ name: 'daily', type: 'timer', config: '0 30 0 * * * *' }] })
    expect(config.functions.find((fn) => fn.name === 'member')!.envVariables.HUIYUAN_MEMBER_CODE_SECRET).toBe('{{env.HUIYUAN_MEMBER_CODE_SECRET}}')
    for (const fn of config.functions) for (const value of Object.values(fn.envVariables)) expect(value).toMatch(/^\{\{env\.[A-Z_]+\}\}$/)
  })
})

describe('the declarations', () => {
  it('ask for the member-code secret where a bundle reads it, and template IDs where it sends', () => {
    const templates = [{ purpose: 'tierChange', env: templateEnv('tierChange'), id: null }]
    expect(templateEnv('campaignCoupon')).toBe('HUIYUAN_TEMPLATE_CAMPAIGN_COUPON')
    expect(variablesOf('process.env.HUIYUAN_MEMBER_CODE_SECRET; `HUIYUAN_TEMPLATE_${x}`', templates)).toEqual([
      { name: 'HUIYUAN_MEMBER_CODE_SECRET', required: true },
      { name: 'HUIYUAN_TEMPLATE_TIER_CHANGE', required: false },
    ])
    expect(variablesOf('nothing here', templates)).toEqual([])
  })
})

describe('npm run deploy', () => {
  it('takes --env, --dry-run and --write-config, and refuses a malformed environment ID', () => {
    expect(parseDeployArgs(['--env', 'huiyuan-prod-1a2b', '--dry-run'])).toEqual({ envId: 'huiyuan-prod-1a2b', dryRun: true, writeConfig: false })
    expect(parseDeployArgs(['--dry-run'])).toEqual({ envId: null, dryRun: true, writeConfig: false })
    expect(() => parseDeployArgs(['--env', 'Bad Env!'])).toThrow('is not an environment ID')
  })

  it('reads .env.local under the shell’s own variables', () => {
    expect(withLocalEnv({ ENV_ID: 'from-shell' }, 'ENV_ID=from-file\nHUIYUAN_MEMBER_CODE_SECRET="a-long-secret-value-1"\n# a comment\n')).toEqual({
      ENV_ID: 'from-shell',
      HUIYUAN_MEMBER_CODE_SECRET: 'a-long-secret-value-1',
    })
  })

  it('uses the deployer’s own credentials: the environment’s, else what tcb login saved, else none', () => {
    expect(credentialsFrom({ TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' }, '/nowhere')).toEqual({ secretId: 'id', secretKey: 'key' })
    const home = mkdtempSync(path.join(tmpdir(), 'deploy-home-'))
    expect(credentialsFrom({}, home)).toBeNull()
    mkdirSync(path.join(home, '.config', '.cloudbase'), { recursive: true })
    writeFileSync(path.join(home, '.config', '.cloudbase', 'auth.json'), JSON.stringify({ credential: { tmpSecretId: 'tid', tmpSecretKey: 'tkey', tmpToken: 'tok' } }))
    expect(credentialsFrom({}, home)).toEqual({ secretId: 'tid', secretKey: 'tkey', token: 'tok' })
  })
})

describe('npm run upload:weapp', () => {
  it('needs a version (or --preview) and a real AppID', () => {
    expect(parseUploadArgs(['--version', '1.2.0'])).toEqual({ version: '1.2.0', desc: '会员通 1.2.0', preview: false })
    expect(parseUploadArgs(['--preview'])).toEqual({ version: '0.0.0', desc: '会员通 0.0.0', preview: true })
    expect(() => parseUploadArgs(['--version', 'v1'])).toThrow('--version')
    expect(() => appIdOf({ appid: 'touristappid' })).toThrow('replace touristappid')
    expect(appIdOf({ appid: 'wx0123456789abcdef' })).toBe('wx0123456789abcdef')
  })
})
