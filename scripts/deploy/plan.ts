import type { Declared, DeclaredFunction } from './declarations'

/** An environment as the deploy reads it (all it compares); an empty one has no functions and no collections. */
export interface EnvironmentState {
  functions: Array<{
    name: string
    runtime: string
    timeout: number
    memorySize: number
    /** The deployed code's hash as the last deploy recorded it in the description (null: not ours, or unknown). */
    codeHash: string | null
    variables: Record<string, string>
    triggers: Array<{ name: string; type: string; config: string }>
  }>
  collections: Array<{ name: string; rule: string | null; indexes: string[] }>
}

/** runtime/secrets refuses a shorter member-code secret. */
const SECRET_MIN_LENGTH = 16

export type Step =
  | { kind: 'createFunction'; name: string }
  | { kind: 'updateCode'; name: string }
  | { kind: 'updateConfig'; name: string; changes: string[] }
  | { kind: 'setTriggers'; name: string; triggers: DeclaredFunction['triggers'] }
  | { kind: 'createCollection'; name: string }
  | { kind: 'setRule'; name: string; rule: string }
  | { kind: 'createIndex'; collection: string; index: Declared['collections'][number]['indexes'][number] }

export interface Plan {
  steps: Step[]
  /** In the environment but not in the repo: left alone, and said. */
  leftAlone: string[]
  /** What stops a real deploy: a required secret or a template ID not given. */
  problems: string[]
}

/**
 * What a deploy would do: a pure function of the repo's declarations, the deployer's variables
 * and the environment's current state. Everything missing is created, everything different is
 * updated, what matches is not touched (so a second deploy plans nothing), and what the repo does
 * not know is reported and left.
 */
export function planDeploy(repo: Declared, variables: Record<string, string | undefined>, state: EnvironmentState): Plan {
  const steps: Step[] = []
  const problems: string[] = []
  for (const template of repo.templates) if (!template.id) problems.push(`订阅消息模板 ${template.purpose} 未配置：设置 ${template.env} 或在 templates.ts 填入模板 ID`)
  for (const fn of repo.functions) {
    const wanted = wantedVariables(fn, variables)
    for (const variable of fn.variables)
      if (variable.required && (variables[variable.name] ?? '').length < SECRET_MIN_LENGTH)
        problems.push(`${fn.name} 需要环境变量 ${variable.name}（至少 ${SECRET_MIN_LENGTH} 个字符，从部署者的环境读取，不写入仓库）`)
    const current = state.functions.find((each) => each.name === fn.name)
    if (!current) {
      steps.push({ kind: 'createFunction', name: fn.name })
      if (fn.triggers.length) steps.push({ kind: 'setTriggers', name: fn.name, triggers: fn.triggers })
      continue
    }
    if (current.codeHash !== fn.codeHash) steps.push({ kind: 'updateCode', name: fn.name })
    const changes = [
      ...(current.runtime !== fn.runtime ? [`runtime ${current.runtime} → ${fn.runtime}`] : []),
      ...(current.timeout !== fn.timeout ? [`timeout ${current.timeout} → ${fn.timeout} s`] : []),
      ...(current.memorySize !== fn.memorySize ? [`memory ${current.memorySize} → ${fn.memorySize} MB`] : []),
      ...Object.keys(wanted)
        .filter((name) => current.variables[name] !== wanted[name])
        .map((name) => `${current.variables[name] === undefined ? 'set' : 'change'} ${name}`),
    ]
    if (changes.length) steps.push({ kind: 'updateConfig', name: fn.name, changes })
    if (!sameTriggers(current.triggers, fn.triggers)) steps.push({ kind: 'setTriggers', name: fn.name, triggers: fn.triggers })
  }
  for (const collection of repo.collections) {
    const current = state.collections.find((each) => each.name === collection.name)
    if (!current) steps.push({ kind: 'createCollection', name: collection.name })
    if (!current || !sameRule(current.rule, collection.rule)) steps.push({ kind: 'setRule', name: collection.name, rule: collection.rule })
    for (const index of collection.indexes) if (!current?.indexes.includes(index.name)) steps.push({ kind: 'createIndex', collection: collection.name, index })
  }
  const leftAlone = [
    ...state.functions.filter((fn) => !repo.functions.some((each) => each.name === fn.name)).map((fn) => `函数 ${fn.name}`),
    ...state.collections.filter((collection) => !repo.collections.some((each) => each.name === collection.name)).map((collection) => `集合 ${collection.name}`),
  ]
  return { steps, leftAlone, problems }
}

/** The variables a function gets: the deployer's values of those its bundle reads (unset optional ones are left out). */
export function wantedVariables(fn: DeclaredFunction, variables: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(fn.variables.flatMap((variable) => (variables[variable.name] ? [[variable.name, variables[variable.name]!]] : [])))
}

function sameTriggers(a: EnvironmentState['functions'][number]['triggers'], b: DeclaredFunction['triggers']): boolean {
  const key = (triggers: Array<{ name: string; type: string; config: string }>) =>
    JSON.stringify(triggers.map(({ name, type, config }) => ({ name, type, config })).sort((x, y) => x.name.localeCompare(y.name)))
  return key(a) === key(b)
}

function sameRule(current: string | null, wanted: string): boolean {
  if (current === null) return false
  try {
    return JSON.stringify(JSON.parse(current)) === JSON.stringify(JSON.parse(wanted))
  } catch {
    return false
  }
}

/** The plan as the deployer reads it, in Chinese, one line a step. */
export function describePlan(plan: Plan): string[] {
  const line = (step: Step): string => {
    switch (step.kind) {
      case 'createFunction':
        return `新建云函数 ${step.name}`
      case 'updateCode':
        return `更新云函数代码 ${step.name}`
      case 'updateConfig':
        return `更新云函数配置 ${step.name}：${step.changes.join('，')}`
      case 'setTriggers':
        return `设置定时触发器 ${step.name}：${step.triggers.map((trigger) => `${trigger.name} ${trigger.config}`).join('，') || '无'}`
      case 'createCollection':
        return `新建集合 ${step.name}`
      case 'setRule':
        return `设置安全规则 ${step.name}：${step.rule}`
      case 'createIndex':
        return `新建索引 ${step.collection}.${step.index.name}${step.index.unique ? '（唯一）' : ''}`
    }
  }
  return [...(plan.steps.length ? plan.steps.map(line) : ['无需变更：环境已是最新']), ...plan.leftAlone.map((what) => `保留（仓库中没有）：${what}`), ...plan.problems.map((problem) => `⚠ ${problem}`)]
}
