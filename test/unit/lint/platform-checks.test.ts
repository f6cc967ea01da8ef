import { stop } from 'esbuild'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measureWeapp } from '../../../bench/packageSize'
import { COLLECTIONS } from '../../../cloudfunctions/shared/data/collections'
import { FUNCTIONS_SOURCE } from '../../../scripts/functions'
import { openapiProblems, openapiUses, portApis } from '../../../scripts/platform/openapiCalls'
import { packageSizeProblems, PACKAGE_LIMITS } from '../../../scripts/platform/packageSizes'
import { appConfig, functionBundle, portSource, projectFunctions, securityRules } from '../../../scripts/platform/project'
import { securityRuleProblems } from '../../../scripts/platform/securityRules'
import { tabBarProblems, type AppPages } from '../../../scripts/platform/tabBar'
import { triggerProblems } from '../../../scripts/platform/triggers'

const NOW = new Date('2026-06-01T00:00:00Z')

// esbuild's service process would outlive the file.
afterAll(() => stop())

describe('cloud.openapi calls against config.json', () => {
  const apis = portApis(portSource())
  /** Bundles `code` as if it were cloudfunctions/fixture/index.ts, imports resolving from cloudfunctions/. */
  const usesOf = async (code: string) => openapiUses(await functionBundle({ contents: code, resolveDir: FUNCTIONS_SOURCE, loader: 'ts', sourcefile: 'fixture/index.ts' }), apis)

  it('reads each port method’s WeChat API from the port itself', () => {
    expect(Object.fromEntries(apis)).toEqual({
      sendSubscribeMessage: 'subscribeMessage.send',
      getUnlimitedQrCode: 'wxacode.getUnlimited',
      getPhoneNumber: 'phonenumber.getPhoneNumber',
    })
  })

  it('fails a function that calls a port method its config.json does not list, and passes it once listed', async () => {
    const uses = await usesOf(`
      import { openapi } from './shared/runtime/openapi'
      export const main = () => openapi().getUnlimitedQrCode({ scene: 's', page: 'pages/join/index' })`)
    expect(openapiProblems('fixture', uses, ['subscribeMessage.send'])).toEqual([
      expect.stringMatching(/^fixture calls wxacode\.getUnlimited \(cloudfunctions\/fixture\/index\.ts\) but its config\.json does not list it/),
      expect.stringMatching(/^fixture's config\.json lists subscribeMessage\.send .* nothing in the function calls it/),
    ])
    expect(openapiProblems('fixture', uses, ['wxacode.getUnlimited'])).toEqual([])
  })

  it('follows the call through shared modules, and through destructuring', async () => {
    const throughNotify = await usesOf(`
      import { sendSubscribe } from './shared/runtime/notify'
      export const main = () => sendSubscribe({ touser: 'o', templateId: 't', page: 'p', data: {} })`)
    expect([...throughNotify.apis.keys()]).toEqual(['subscribeMessage.send'])
    expect([...throughNotify.apis.get('subscribeMessage.send')!]).toEqual(['cloudfunctions/shared/runtime/notify.ts'])
    const destructured = await usesOf(`
      import { openapi } from './shared/runtime/openapi'
      export const main = (code: string) => { const { getPhoneNumber } = openapi(); return getPhoneNumber(code) }`)
    expect(openapiProblems('fixture', destructured, [])).toEqual([expect.stringContaining('fixture calls phonenumber.getPhoneNumber')])
  })

  it('does not count port methods a function imports but never reaches', async () => {
    const uses = await usesOf(`
      import { knownTemplateIds } from './shared/runtime/notify'
      import { openapi } from './shared/runtime/openapi'
      export const main = () => [knownTemplateIds().size, typeof openapi]`)
    expect(uses.apis.size).toBe(0)
    expect(openapiProblems('fixture', uses, [])).toEqual([])
  })

  it('fails a direct cloud.openapi call, and counts its API', async () => {
    const uses = await usesOf(`
      declare const cloud: { openapi: { security: { msgSecCheck(request: object): Promise<unknown> } } }
      export const main = () => cloud.openapi.security.msgSecCheck({ content: '你好' })`)
    expect(openapiProblems('fixture', uses, [])).toEqual([
      expect.stringContaining('fixture calls security.msgSecCheck'),
      expect.stringContaining('cloudfunctions/fixture/index.ts calls cloud.openapi.security.msgSecCheck directly'),
    ])
  })

  it('passes every function of the project', async () => {
    const problems = await Promise.all(projectFunctions().map(async ({ name, config }) => openapiProblems(name, openapiUses(await functionBundle(name), apis), config.permissions?.openapi ?? [])))
    expect(problems.flat()).toEqual([])
  })
})

describe('timer triggers', () => {
  const timer = (config: string, name = 'tick') => ({ name, type: 'timer', config })

  it.each([
    ['a minute out of range', '0 61 * * * * *', /minute 61 is outside 0-59/],
    ['six fields', '0 0 * * * *', /7 fields/],
    ['a step of zero', '0 */0 * * * * *', /step/],
    ['a backwards range', '0 0 9-5 * * * *', /range/],
    ['a day no month has', '0 0 0 31 2 * *', /never fires/],
    ['a year gone by', '0 0 0 1 1 * 2020', /never fires/],
  ])('fails %s (%s)', (_case, cron, message) => {
    const problems = triggerProblems('fixture', { triggers: [timer(cron)] }, NOW)
    expect(problems).toEqual([expect.stringMatching(message)])
  })

  it('fails two timers on one function', () => {
    expect(triggerProblems('fixture', { triggers: [timer('0 0 * * * * *', 'hourly'), timer('0 30 0 * * * *', 'daily')] }, NOW)).toEqual([
      expect.stringContaining('one timer trigger per function, config.json has 2'),
    ])
  })

  it('fails a trigger that is not a timer, or is badly named', () => {
    expect(triggerProblems('fixture', { triggers: [{ name: '1st', type: 'http', config: '0 0 * * * * *' }] }, NOW)).toEqual([
      expect.stringContaining('the only type is "timer"'),
      expect.stringContaining('a name is a letter'),
    ])
  })

  it('passes lists, ranges, steps and names', () => {
    expect(triggerProblems('fixture', { triggers: [timer('0 5/20 8-18,22 * JAN-JUN MON-FRI *')] }, NOW)).toEqual([])
    expect(triggerProblems('fixture', {}, NOW)).toEqual([])
  })

  it('passes every function of the project', () => {
    expect(projectFunctions().flatMap(({ name, config }) => triggerProblems(name, config, NOW))).toEqual([])
  })
})

describe('tabBar pages', () => {
  const app = (tabs: string[]): AppPages => ({
    pages: ['pages/card/index', 'pages/me/index'],
    subPackages: [{ root: 'points', pages: ['pages/history/index'] }],
    tabBar: { list: tabs.map((pagePath) => ({ pagePath })) },
  })

  it('fails a tab page in a subpackage', () => {
    expect(tabBarProblems(app(['pages/card/index', 'points/pages/history/index']))).toEqual([expect.stringContaining('points/pages/history/index is in subpackage points')])
  })

  it('fails a tab that is no page, and a tabBar of one', () => {
    expect(tabBarProblems(app(['pages/gone/index']))).toEqual([expect.stringContaining('has 1 items'), expect.stringContaining('pages/gone/index is not a page')])
  })

  it('passes the app’s own config', async () => {
    const config = await appConfig()
    expect(config.tabBar?.list.length).toBeGreaterThanOrEqual(2)
    expect(tabBarProblems(config)).toEqual([])
  })
})

describe('security rules', () => {
  const denyAll = { read: false, write: false }

  it('fails a collection without a rule, one whose rule lets clients in, and a rule for no collection', () => {
    expect(securityRuleProblems({ members: denyAll, ledger: { read: true, write: false }, ledgers: denyAll }, ['members', 'ledger', 'coupons'])).toEqual([
      expect.stringContaining("collection ledger's security rule"),
      expect.stringContaining('collection coupons has no security rule'),
      expect.stringContaining('a rule for ledgers'),
    ])
  })

  it('passes database/security-rules.json against every collection', () => {
    expect(securityRuleProblems(securityRules(), COLLECTIONS)).toEqual([])
  })
})

describe('package sizes', () => {
  const KB = 1024

  /** A built weapp folder holding files of these sizes, measured as WeChat counts them. */
  function weapp(files: Record<string, number>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'weapp-sizes-'))
    writeFileSync(
      path.join(dir, 'app.json'),
      JSON.stringify({
        pages: ['pages/card/index'],
        subPackages: [
          { root: 'admin', pages: [] },
          { root: 'points', pages: [] },
        ],
      }),
    )
    for (const [file, bytes] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), Buffer.alloc(bytes))
    }
    return dir
  }

  it('fails a subpackage over 2 MB and a main package over our 512 KB budget', () => {
    const sizes = measureWeapp(weapp({ 'app.js': 600 * KB, 'admin/pages/home/index.js': 2100 * KB, 'points/pages/history/index.js': 100 * KB }))
    expect(packageSizeProblems(sizes)).toEqual([expect.stringContaining('over our budget of 512.0 KB'), expect.stringContaining('subpackage admin/ is 2.05 MB')])
  })

  it('fails a total over 20 MB even when each package fits', () => {
    const sizes = { mainBytes: 500 * KB, subpackages: Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`area${index}/`, 1900 * KB])), totalBytes: 500 * KB + 11 * 1900 * KB }
    expect(packageSizeProblems(sizes)).toEqual([expect.stringContaining('all packages together are')])
  })

  it('passes packages within every limit', () => {
    const sizes = measureWeapp(weapp({ 'app.js': 300 * KB, 'admin/pages/home/index.js': 1500 * KB }))
    expect(sizes.mainBytes).toBeLessThanOrEqual(PACKAGE_LIMITS.mainBudgetBytes)
    expect(packageSizeProblems(sizes)).toEqual([])
  })
})
