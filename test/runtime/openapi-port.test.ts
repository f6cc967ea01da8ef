import { functionCredentials, sdkEnv } from '../../emulator'
import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'

const message = (data: Record<string, string> = { thing1: '生日快乐', time2: '2026年11月22日 15:01' }) => ({
  touser: 'o-1',
  templateId: 'tpl-birthday',
  data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
})

/** Runs `body` in this process as function `fn` would: the SDK pointed at the local cloud, with that function's credentials. */
async function asFunction<T>(cloud: LocalCloud, fn: string, body: () => Promise<T>): Promise<T> {
  const saved = { ...process.env }
  Object.assign(process.env, sdkEnv(cloud.server.url), functionCredentials(fn))
  try {
    return await body()
  } finally {
    process.env = saved
  }
}

describe('the functions’ openapi port: the SDK’s calls, answered by the local cloud', () => {
  it('refuses, as WeChat does, an openapi call the calling function’s config.json does not list', async () => {
    const cloud = await startLocalCloud({ functionsDir: TEST_FUNCTIONS_OUTPUT })
    try {
      const { openapi } = await import('../../cloudfunctions/shared/runtime/openapi')
      cloud.outbox.grant('o-1', ['tpl-birthday'])
      expect(await asFunction(cloud, 'staff', () => openapi().sendSubscribeMessage(message()))).toMatchObject({ errCode: -604101 })
      expect(await asFunction(cloud, 'tiers', () => openapi().sendSubscribeMessage(message()))).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    } finally {
      await cloud.close()
    }
  })

  it('sends to the outbox, consent by consent, and says why it could not', async () => {
    const cloud = await startLocalCloud({ functionsDir: TEST_FUNCTIONS_OUTPUT })
    try {
      const { openapi } = await import('../../cloudfunctions/shared/runtime/openapi')
      expect(await asFunction(cloud, 'tiers', () => openapi().sendSubscribeMessage(message()))).toMatchObject({ errCode: 43101 })
      cloud.outbox.grant('o-1', ['tpl-birthday'])
      expect(await asFunction(cloud, 'tiers', () => openapi().sendSubscribeMessage(message({ thing1: '一'.repeat(21) })))).toMatchObject({ errCode: 47003 })
      expect(await asFunction(cloud, 'tiers', () => openapi().sendSubscribeMessage(message()))).toMatchObject({ errCode: 0 })
      expect(cloud.outbox.sent.map((sent) => sent.touser)).toEqual(['o-1'])
    } finally {
      await cloud.close()
    }
  })
})
