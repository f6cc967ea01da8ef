import { startLocalCloud } from '../../local/cloud'
import { TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'

const message = (data: Record<string, string> = { thing1: '生日快乐', time2: '2026年11月22日 15:01' }) => ({
  touser: 'o-1',
  templateId: 'tpl-birthday',
  data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
})

describe('the functions’ openapi port, locally', () => {
  it('refuses, as WeChat does, an openapi call the calling function’s config.json does not list', async () => {
    const cloud = await startLocalCloud({ functionsDir: TEST_FUNCTIONS_OUTPUT })
    try {
      process.env.WX_EMULATOR_OPENAPI_URL = cloud.server.url.replace(/\/admin$/, '/openapi')
      const { openapi } = await import('../../cloudfunctions/shared/runtime/openapi')
      cloud.outbox.grant('o-1', ['tpl-birthday'])
      process.env.SCF_FUNCTIONNAME = 'staff'
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: -604101 })
      process.env.SCF_FUNCTIONNAME = 'tiers'
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: 0 })
    } finally {
      delete process.env.WX_EMULATOR_OPENAPI_URL
      delete process.env.SCF_FUNCTIONNAME
      await cloud.close()
    }
  })

  it('is what the functions’ openapi port reaches locally', async () => {
    const cloud = await startLocalCloud()
    try {
      process.env.WX_EMULATOR_OPENAPI_URL = cloud.server.url.replace(/\/admin$/, '/openapi')
      const { openapi } = await import('../../cloudfunctions/shared/runtime/openapi')
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: 43101 })
      cloud.outbox.grant('o-1', ['tpl-birthday'])
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: 0 })
      expect(cloud.outbox.sent.map((sent) => sent.touser)).toEqual(['o-1'])
    } finally {
      delete process.env.WX_EMULATOR_OPENAPI_URL
      await cloud.close()
    }
  })
})
