/**
 * The deploy plan as a pure function of the repo's declarations, the deployer's variables and an
 * environment's state: a fresh environment gets everything; an environment the plan was carried
 * out on plans nothing; one missing an index gets that index; a function the repo does not have is
 * left alone and reported; a changed bundle, timeout, secret or timer is updated and nothing else;
 * missing secrets and template IDs stop a deploy and are named.
 */
import type { Declared } from '../../../scripts/deploy/declarations'
import { describePlan, planDeploy, wantedVariables, type EnvironmentState, type Step } from '../../../scripts/deploy/plan'

const SECRET = 's'.repeat(24)
const REPO: Declared = {
  functions: [
    {
      name: 'member',
      runtime: 'Nodejs18.15',
      timeout: 5,
      memorySize: 256,
      triggers: [],
      variables: [
        { name: 'HUIYUAN_MEMBER_CODE_SECRET', required: true },
        { name: 'HUIYUAN_TEMPLATE_TIER_CHANGE', required: false },
      ],
      codeHash: 'aaaaaaaaaaaaaaaa',
    },
    { name: 'jobs', runtime: 'Nodejs18.15', timeout: 60, memorySize: 256, triggers: [{ name: 'daily', type: 'timer', config: '0 30 0 * * * *' }], variables: [], codeHash: 'bbbbbbbbbbbbbbbb' },
  ],
  collections: [
    { name: 'members', rule: '{"read":false,"write":false}', indexes: [{ name: 'cardNo_unique', keys: [['cardNo', 1]], unique: true }] },
    { name: 'ledger', rule: '{"read":false,"write":false}', indexes: [] },
  ],
  templates: [{ purpose: 'tierChange', env: 'HUIYUAN_TEMPLATE_TIER_CHANGE', id: 'Ab12Cd34' }],
}
const VARIABLES = { HUIYUAN_MEMBER_CODE_SECRET: SECRET }
const FRESH: EnvironmentState = { functions: [], collections: [] }

/** The environment as a deploy of REPO leaves it. */
function deployed(): EnvironmentState {
  return {
    functions: REPO.functions.map((fn) => ({
      name: fn.name,
      runtime: fn.runtime,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      codeHash: fn.codeHash,
      variables: wantedVariables(fn, VARIABLES),
      triggers: fn.triggers,
    })),
    collections: REPO.collections.map((collection) => ({ name: collection.name, rule: collection.rule, indexes: ['_id_', ...collection.indexes.map((index) => index.name)] })),
  }
}
const kinds = (steps: Step[]) => steps.map((step) => `${step.kind} ${'name' in step ? step.name : `${step.collection}.${step.index.name}`}`)

describe('the deploy plan', () => {
  it('creates every function, trigger, collection, rule and index in a fresh environment', () => {
    const plan = planDeploy(REPO, VARIABLES, FRESH)
    expect(kinds(plan.steps)).toEqual([
      'createFunction member',
      'createFunction jobs',
      'setTriggers jobs',
      'createCollection members',
      'setRule members',
      'createIndex members.cardNo_unique',
      'createCollection ledger',
      'setRule ledger',
    ])
    expect(plan).toMatchObject({ leftAlone: [], problems: [] })
  })

  it('plans nothing for an environment it has deployed to (a second run changes nothing)', () => {
    const plan = planDeploy(REPO, VARIABLES, deployed())
    expect(plan).toEqual({ steps: [], leftAlone: [], problems: [] })
    expect(describePlan(plan)).toEqual(['无需变更：环境已是最新'])
  })

  it('creates only the missing index of an environment missing one', () => {
    const state = deployed()
    state.collections[0].indexes = ['_id_']
    expect(planDeploy(REPO, VARIABLES, state).steps).toEqual([{ kind: 'createIndex', collection: 'members', index: REPO.collections[0].indexes[0] }])
  })

  it('leaves a function and a collection the repo does not have, and says so', () => {
    const state = deployed()
    state.functions.push({ name: 'legacy', runtime: 'Nodejs12.16', timeout: 3, memorySize: 128, codeHash: null, variables: {}, triggers: [] })
    state.collections.push({ name: 'old_orders', rule: null, indexes: ['_id_'] })
    const plan = planDeploy(REPO, VARIABLES, state)
    expect(plan.steps).toEqual([])
    expect(plan.leftAlone).toEqual(['函数 legacy', '集合 old_orders'])
    expect(describePlan(plan)).toContain('保留（仓库中没有）：函数 legacy')
  })

  it('updates a changed bundle, config, secret, rule or timer, and nothing else', () => {
    const state = deployed()
    state.functions[0] = { ...state.functions[0], codeHash: 'cccccccccccccccc', timeout: 3, variables: { HUIYUAN_MEMBER_CODE_SECRET: 'an-older-secret-value' } }
    state.functions[1] = { ...state.functions[1], triggers: [{ name: 'daily', type: 'timer', config: '0 0 1 * * * *' }] }
    state.collections[1].rule = '{"read":true,"write":false}'
    expect(planDeploy(REPO, VARIABLES, state).steps).toEqual([
      { kind: 'updateCode', name: 'member' },
      { kind: 'updateConfig', name: 'member', changes: ['timeout 3 → 5 s', 'change HUIYUAN_MEMBER_CODE_SECRET'] },
      { kind: 'setTriggers', name: 'jobs', triggers: REPO.functions[1].triggers },
      { kind: 'setRule', name: 'ledger', rule: '{"read":false,"write":false}' },
    ])
  })

  it('passes an optional template ID the deployer set, and never prints a secret', () => {
    const plan = planDeploy(REPO, { ...VARIABLES, HUIYUAN_TEMPLATE_TIER_CHANGE: 'Xy98Zw76' }, deployed())
    expect(plan.steps).toEqual([{ kind: 'updateConfig', name: 'member', changes: ['set HUIYUAN_TEMPLATE_TIER_CHANGE'] }])
    expect(describePlan(planDeploy(REPO, VARIABLES, { ...FRESH })).join('\n')).not.toContain(SECRET)
  })

  it('names a missing or short secret and an unconfigured template as what stops the deploy', () => {
    const plan = planDeploy({ ...REPO, templates: [{ purpose: 'tierChange', env: 'HUIYUAN_TEMPLATE_TIER_CHANGE', id: null }] }, { HUIYUAN_MEMBER_CODE_SECRET: 'short' }, FRESH)
    expect(plan.problems).toEqual([
      '订阅消息模板 tierChange 未配置：设置 HUIYUAN_TEMPLATE_TIER_CHANGE 或在 templates.ts 填入模板 ID',
      'member 需要环境变量 HUIYUAN_MEMBER_CODE_SECRET（至少 16 个字符，从部署者的环境读取，不写入仓库）',
    ])
  })
})
