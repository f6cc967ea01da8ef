import path from 'node:path'
import { createRequire } from 'node:module'
import { ESLint, type Linter } from 'eslint'

/**
 * The layer rules of eslint.config.cjs, checked on code placed (virtually: nothing is written) in each
 * folder. The config is loaded with require, as ESLint would load it; jest cannot run ESLint's own
 * loader (a dynamic import).
 */
const root = path.resolve(__dirname, '../../..')
const config = createRequire(__filename)(path.join(root, 'eslint.config.cjs')) as Linter.Config[]
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config })

const LAYER_RULES = ['no-restricted-imports', 'no-restricted-syntax', 'huiyuan/no-query-in-transaction', 'id-length']

/** The layer-rule problems ESLint reports for `code` as if it were the file at `file`. */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  const fatal = result.messages.filter((message) => message.fatal)
  if (fatal.length) throw new Error(fatal.map((message) => message.message).join('\n'))
  return result.messages.filter((message) => LAYER_RULES.includes(message.ruleId ?? '')).map((message) => `${message.line}:${message.ruleId}`)
}

describe('domain/ imports nothing from data/, runtime/ or app/', () => {
  const file = 'cloudfunctions/shared/domain/probe.ts'

  it('refuses each outer layer, type-only imports included, and the SDK', async () => {
    const code = [
      "import { membersRepo } from '../data/members'",
      "import type { Database } from '../runtime/cloud'",
      "import { commands } from '../app/commands'",
      "export * from '../../shared/data/ledger'",
      "import cloud from 'wx-server-sdk'",
      'export const all = [membersRepo, commands, cloud] as unknown as Database',
    ].join('\n')
    expect(await problems(file, code)).toEqual(['1:no-restricted-imports', '2:no-restricted-imports', '3:no-restricted-imports', '4:no-restricted-imports', '5:no-restricted-imports'])
  })

  it('takes the contract, its own rules and plain libraries', async () => {
    const code = [
      "import { SHOP_TIME_ZONE } from '../contract/enums'",
      "import { accrualFor } from './points'",
      "import dayjs from 'dayjs'",
      'export const all = [SHOP_TIME_ZONE, accrualFor, dayjs]',
    ].join('\n')
    expect(await problems(file, code)).toEqual([])
  })
})

describe('only shared/data/ calls .collection()', () => {
  const code = "export const due = (db: any) => [db.collection('members').where({}).get(), db?.collection('ledger'), db['collection']('coupons')]"

  it.each([
    'cloudfunctions/points/actions/probe.ts',
    'cloudfunctions/shared/app/probe.ts',
    'cloudfunctions/shared/runtime/probe.ts',
    'cloudfunctions/shared/domain/probe.ts',
    'client/pages/probe/index.tsx',
  ])('%s may not', async (file) => {
    expect(await problems(file, code)).toEqual(['1:no-restricted-syntax', '1:no-restricted-syntax', '1:no-restricted-syntax'])
  })

  it('cloudfunctions/shared/data/ may', async () => {
    expect(await problems('cloudfunctions/shared/data/probe.ts', code)).toEqual([])
  })
})

describe('client/ imports only the contract from the functions', () => {
  const file = 'client/pages/probe/index.tsx'

  it('refuses the other layers, the SDK, and the emulator side', async () => {
    const code = [
      "import { membersRepo } from '../../../cloudfunctions/shared/data/members'",
      "import { accrualFor } from '../../../cloudfunctions/shared/domain/points'",
      "import { serve } from '../../../cloudfunctions/shared/runtime'",
      "import { handler } from '../../../cloudfunctions/member'",
      "import cloud from 'wx-server-sdk'",
      "import { LocalCloud } from '../../../emulator/cloud'",
      "import { startDevServer } from '../../../local/devServer'",
      'export const all = [membersRepo, accrualFor, serve, handler, cloud, LocalCloud, startDevServer]',
    ].join('\n')
    expect(await problems(file, code)).toEqual([1, 2, 3, 4, 5, 6, 7].map((line) => `${line}:no-restricted-imports`))
  })

  it('takes the contract, by alias or by path, and its own modules', async () => {
    const code = [
      "import { formatPoints } from '@contract/format'",
      "import { ACTIONS } from '../../../cloudfunctions/shared/contract/actions'",
      "import { callCloud } from '../../services/cloud'",
      "import { View } from '@tarojs/components'",
      'export const all = [formatPoints, ACTIONS, callCloud, View]',
    ].join('\n')
    expect(await problems(file, code)).toEqual([])
  })
})

describe('nothing in cloudfunctions/ imports the emulator', () => {
  it.each(['cloudfunctions/member/index.ts', 'cloudfunctions/points/actions/probe.ts', 'cloudfunctions/shared/runtime/probe.ts', 'cloudfunctions/shared/domain/probe.ts'])('%s', async (file) => {
    const depth = file.split('/').length - 1
    const up = '../'.repeat(depth)
    const code = [
      `import { LocalCloud } from '${up}emulator/cloud'`,
      `import { fixtures } from '${up}local/fixtures'`,
      `import { wait } from '${up}test/support/wait'`,
      'export const all = [LocalCloud, fixtures, wait]',
    ].join('\n')
    expect(await problems(file, code)).toEqual(['1:no-restricted-imports', '2:no-restricted-imports', '3:no-restricted-imports'])
  })
})

describe("a where() on a transaction's collection is an error", () => {
  const code = [
    'export async function probe(db: any, inTransaction: any) {',
    '  await inTransaction(db, async (transaction: any) => {',
    "    await transaction.collection('coupons').where({ status: 'available' }).update({ data: { status: 'used' } })",
    '  })',
    '}',
  ].join('\n')

  it.each(['cloudfunctions/shared/data/probe.ts', 'scripts/probe.ts', 'bench/probe.ts', 'emulator/probe.ts'])('in %s', async (file) => {
    expect(await problems(file, code)).toEqual(['3:huiyuan/no-query-in-transaction'])
  })

  it('in cloudfunctions/shared/app/, where even transaction.collection() belongs in a repository', async () => {
    expect(await problems('cloudfunctions/shared/app/probe.ts', code)).toEqual(['3:no-restricted-syntax', '3:huiyuan/no-query-in-transaction'])
  })

  it('but not in tests, which may show what such a query does', async () => {
    expect(await problems('test/functions/probe.test.ts', code)).toEqual([])
    expect(await problems('emulator/test/probe.test.ts', code)).toEqual([])
  })
})

describe('the emulator has no one-letter names', () => {
  it('refuses them, except _, i and j; property names are not names', async () => {
    const code = [
      'export function total(rows: { n: number }[]) {',
      '  let s = 0',
      '  for (let i = 0; i < rows.length; i++) s += rows[i].n',
      '  return rows.map((r) => r.n).reduce((_, x) => _ + x, s)',
      '}',
    ].join('\n')
    expect(await problems('emulator/database/probe.ts', code)).toEqual(['2:id-length', '4:id-length', '4:id-length'])
  })

  it('is the emulator’s rule only', async () => {
    expect(await problems('cloudfunctions/shared/domain/probe.ts', 'export const f = (x: number) => x')).toEqual([])
  })
})
