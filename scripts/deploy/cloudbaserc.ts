import type { Declared } from './declarations'

/**
 * cloudbaserc.json in the CloudBase CLI's own format (`tcb fn deploy --all` reads it): every
 * function with its runtime, timeout, memory, timer triggers and environment variables, each
 * variable a `{{env.NAME}}` reference to the deployer's environment (or .env.local), never a value.
 */
export function renderCloudbaserc(repo: Declared): string {
  const config = {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './dist/cloudfunctions',
    functions: repo.functions.map((fn) => ({
      name: fn.name,
      runtime: fn.runtime,
      handler: 'index.main',
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      installDependency: true,
      envVariables: Object.fromEntries(fn.variables.map((variable) => [variable.name, `{{env.${variable.name}}}`])),
      triggers: fn.triggers,
    })),
  }
  return JSON.stringify(config, null, 2) + '\n'
}
