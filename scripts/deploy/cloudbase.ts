import CloudBase from '@cloudbase/manager-node'
import type { Declared } from './declarations'
import { wantedVariables, type EnvironmentState, type Step } from './plan'

/**
 * The deploy's hands: reads an environment's state and carries out a plan's steps through
 * `@cloudbase/manager-node`, with the deployer's own credentials. Everything it decides is the
 * plan's (plan.ts); this only translates.
 */
type App = InstanceType<typeof CloudBase>

export function connect(envId: string, credentials: { secretId: string; secretKey: string; token?: string }): App {
  return new CloudBase({ envId, ...credentials })
}

/** The code hash a deploy leaves in the description: `会员通 <fn> · <hash>`. */
const describe = (name: string, hash: string) => `会员通 ${name} · ${hash}`
const hashOf = (description: string | undefined) => /· ([0-9a-f]{16})$/.exec(description ?? '')?.[1] ?? null

export async function readState(app: App): Promise<EnvironmentState> {
  const listed = await app.functions.getFunctionList(100, 0)
  const functions: EnvironmentState['functions'] = []
  for (const { FunctionName } of listed.Functions) {
    const detail = await app.functions.getFunctionDetail(FunctionName)
    functions.push({
      name: detail.FunctionName,
      runtime: detail.Runtime,
      timeout: detail.Timeout,
      memorySize: detail.MemorySize,
      codeHash: hashOf(detail.Description),
      variables: Object.fromEntries((detail.Environment?.Variables ?? []).map((variable) => [variable.Key, variable.Value])),
      triggers: (detail.Triggers ?? []).map((trigger) => ({
        name: trigger.TriggerName,
        type: trigger.Type,
        config: trigger.TriggerDesc ? ((JSON.parse(trigger.TriggerDesc) as { cron?: string }).cron ?? '') : '',
      })),
    })
  }
  const collections: EnvironmentState['collections'] = []
  const { Collections } = await app.database.listCollections({ MgoLimit: 100, MgoOffset: 0 })
  const {
    Data: { PermissionList },
  } = await app.permission.describeResourcePermission({ resourceType: 'collection', resources: Collections.map((each) => each.CollectionName) })
  for (const { CollectionName } of Collections) {
    const info = await app.database.describeCollection(CollectionName)
    const permission = PermissionList.find((each) => each.Resource === CollectionName)
    collections.push({ name: CollectionName, rule: permission?.Permission === 'CUSTOM' ? (permission.SecurityRule ?? null) : null, indexes: (info.Indexes ?? []).map((index) => index.Name) })
  }
  return { functions, collections }
}

export async function apply(app: App, step: Step, repo: Declared, variables: Record<string, string | undefined>, functionRootPath: string): Promise<void> {
  const fnOf = (name: string) => {
    const fn = repo.functions.find((each) => each.name === name)!
    return {
      name: fn.name,
      runtime: fn.runtime,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      description: describe(fn.name, fn.codeHash),
      envVariables: wantedVariables(fn, variables),
      installDependency: true,
      handler: 'index.main',
    }
  }
  switch (step.kind) {
    case 'createFunction':
      await app.functions.createFunction({ func: fnOf(step.name), functionRootPath, force: false })
      return
    case 'updateCode':
      await app.functions.updateFunctionCode({ func: fnOf(step.name), functionRootPath })
      // The description carries the code's hash: written with the code.
      await app.functions.updateFunctionConfig(fnOf(step.name))
      return
    case 'updateConfig':
      await app.functions.updateFunctionConfig(fnOf(step.name))
      return
    case 'setTriggers':
      await app.functions.createFunctionTriggers(step.name, step.triggers)
      return
    case 'createCollection':
      await app.database.createCollectionIfNotExists(step.name)
      return
    case 'setRule':
      await app.permission.modifyResourcePermission({ resourceType: 'collection', resource: step.name, permission: 'CUSTOM', securityRule: step.rule })
      return
    case 'createIndex':
      await app.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: { MgoIndexKeys: step.index.keys.map(([Name, direction]) => ({ Name, Direction: String(direction) })), MgoIsUnique: step.index.unique },
          },
        ],
      })
      return
  }
}
