import cloud from 'wx-server-sdk'

export type Database = ReturnType<typeof cloud.database>

let initialised = false

/** The SDK, initialised once per function instance against the environment it runs in. */
export function sdk(): typeof cloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV is a symbol the typings do not admit; it means "the env this function runs in".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export function database(): Database {
  return sdk().database()
}

export interface Caller {
  /** null when the function was invoked server-side (console, CLI, timer), never from the client. */
  openid: string | null
  appid: string | null
  unionid: string | null
}

/** Identity comes from here and nowhere else. */
export function currentCaller(): Caller {
  const context = sdk().getWXContext() as { OPENID?: string; APPID?: string; UNIONID?: string }
  return { openid: context.OPENID || null, appid: context.APPID || null, unionid: context.UNIONID || null }
}
