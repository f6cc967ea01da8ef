// One function instance: loads a bundled cloud function once and serves one invocation at a time,
// like a WeChat cloud instance. Identity travels in process.env, where wx-server-sdk's
// getWXContext() reads it, so it is set fresh before every invocation.
const { parentPort, workerData } = require('node:worker_threads')

const IDENTITY_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_SOURCE', 'WX_API_TOKEN']
// Which function this instance runs, as WeChat cloud (SCF) sets it; the openapi stand-ins check its config.json permissions.
process.env.SCF_FUNCTIONNAME = workerData.name
const fn = require(workerData.entry)
// Loading the bundle is the cold start; the invocation's timeout runs from here on.
parentPort.postMessage({ ready: true })

parentPort.on('message', async ({ id, event, identity, env }) => {
  for (const key of IDENTITY_KEYS) delete process.env[key]
  Object.assign(process.env, env)
  const contextKeys = []
  for (const [key, value] of Object.entries(identity)) {
    if (value) {
      process.env[key] = value
      contextKeys.push(key)
    }
  }
  process.env.WX_CONTEXT_KEYS = contextKeys.join(',')
  try {
    const result = await fn.main(event, { function_name: workerData.name, request_id: id })
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) })
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: { message: String((error && error.message) || error), stack: error && error.stack } })
  }
})
