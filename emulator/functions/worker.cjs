// One function instance: loads a bundled cloud function once and serves one invocation at a time,
// like a WeChat cloud instance. Identity travels in process.env, where wx-server-sdk's
// getWXContext() reads it, so it is set fresh before every invocation.
// Events and results cross the thread boundary as JSON text, as WeChat delivers them: structured
// clone recurses, and a deep enough value overflows the stack of whichever thread deserialises it.
const { parentPort, workerData } = require('node:worker_threads')

const IDENTITY_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_SOURCE', 'WX_API_TOKEN']
const { maxDepth, maxResultBytes } = workerData.limits
// Which function this instance runs, as WeChat cloud (SCF) sets it; the openapi stand-ins check its config.json permissions.
process.env.SCF_FUNCTIONNAME = workerData.name
const fn = require(workerData.entry)
// Loading the bundle is the cold start; the invocation's timeout runs from here on.
parentPort.postMessage({ ready: true })

parentPort.on('message', async ({ id, eventText, identity, env }) => {
  try {
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
    const event = eventText === undefined ? undefined : JSON.parse(eventText)
    const result = await fn.main(event, { function_name: workerData.name, request_id: id })
    answer({ id, ok: true, resultText: serialiseResult(result) })
  } catch (error) {
    answer({ id, ok: false, error: { message: describe(error) } })
  }
})

function serialiseResult(result) {
  if (result === undefined) return 'null'
  // Measured without recursion first: JSON.stringify would overflow on a deep enough result.
  if (deeperThan(result, maxDepth)) throw new Error(`result is nested deeper than ${maxDepth} levels`)
  const text = JSON.stringify(result)
  if (text === undefined) return 'null'
  if (Buffer.byteLength(text) > maxResultBytes) {
    throw new Error(`result is ${Buffer.byteLength(text)} bytes as JSON, over the ${maxResultBytes / 1024 / 1024} MB a function may return`)
  }
  return text
}

/** An explicit stack of at most `limit` frames, however deep or cyclic the value. */
function deeperThan(value, limit) {
  const stack = [{ items: [value], index: 0 }]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.index >= frame.items.length) {
      stack.pop()
      continue
    }
    let item = frame.items[frame.index++]
    if (item !== null && typeof item === 'object' && typeof item.toJSON === 'function') item = item.toJSON()
    if (item === null || typeof item !== 'object') continue
    if (stack.length > limit) return true
    stack.push({ items: Array.isArray(item) ? item : Object.values(item), index: 0 })
  }
  return false
}

function describe(error) {
  try {
    return String((error && error.message) || error)
  } catch {
    return 'an error that cannot be described'
  }
}

function answer(message) {
  try {
    parentPort.postMessage(message)
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: { message: `the answer could not be sent: ${describe(error)}` } })
  }
}
