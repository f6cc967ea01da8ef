import { LocalCloud } from '../../emulator/cloud'
import { Outbox } from '../../emulator/openapi/outbox'
import { TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'

const message = (data: Record<string, string> = { thing1: '生日快乐', time2: '2026年11月22日 15:01' }) => ({
  touser: 'o-1',
  templateId: 'tpl-birthday',
  data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
})

describe('subscription-message outbox', () => {
  it('allows one send per consent and answers 43101 when none is left', () => {
    const outbox = new Outbox()
    expect(outbox.send(message()).errCode).toBe(43101)
    outbox.grant('o-1', ['tpl-birthday'])
    outbox.grant('o-1', ['tpl-birthday'])
    expect(outbox.quota('o-1', 'tpl-birthday')).toBe(2)
    expect(outbox.send(message()).errCode).toBe(0)
    expect(outbox.send(message()).errCode).toBe(0)
    expect(outbox.send(message()).errCode).toBe(43101)
    expect(outbox.sent).toHaveLength(2)
  })

  it('keeps quotas per user and per template', () => {
    const outbox = new Outbox()
    outbox.grant('o-1', ['tpl-birthday'])
    expect(outbox.send({ ...message(), touser: 'o-2' }).errCode).toBe(43101)
    expect(outbox.send({ ...message(), templateId: 'tpl-other' }).errCode).toBe(43101)
    expect(outbox.quota('o-1', 'tpl-birthday')).toBe(1)
  })

  it.each([
    ['a thing over 20 characters', { thing1: '这是一段超过二十个字的很长很长很长的活动名称啊' }],
    ['a phrase over 5 characters', { phrase1: '已经处理完毕了' }],
    ['an empty value', { thing1: '' }],
  ])('answers 47003 for %s without using quota', (_label, data) => {
    const outbox = new Outbox()
    outbox.grant('o-1', ['tpl-birthday'])
    expect(outbox.send(message(data)).errCode).toBe(47003)
    expect(outbox.quota('o-1', 'tpl-birthday')).toBe(1)
  })

  it('refuses, as WeChat does, an openapi call the calling function’s config.json does not list', async () => {
    const cloud = await LocalCloud.start({ functionsDir: TEST_FUNCTIONS_OUTPUT })
    try {
      process.env.HUIYUAN_OPENAPI_URL = cloud.server.url.replace(/\/admin$/, '/openapi')
      const { openapi } = await import('../../cloudfunctions/shared/runtime/openapi')
      cloud.outbox.grant('o-1', ['tpl-birthday'])
      process.env.HUIYUAN_FUNCTION_NAME = 'staff'
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: -604101 })
      process.env.HUIYUAN_FUNCTION_NAME = 'tiers'
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: 0 })
    } finally {
      delete process.env.HUIYUAN_OPENAPI_URL
      delete process.env.HUIYUAN_FUNCTION_NAME
      await cloud.close()
    }
  })

  it('is what the functions’ openapi port reaches locally', async () => {
    const cloud = await LocalCloud.start()
    try {
      process.env.HUIYUAN_OPENAPI_URL = cloud.server.url.replace(/\/admin$/, '/openapi')
      const { openapi } = await import('../../cloudfunctions/shared/runtime/openapi')
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: 43101 })
      cloud.outbox.grant('o-1', ['tpl-birthday'])
      expect(await openapi().sendSubscribeMessage(message())).toMatchObject({ errCode: 0 })
      expect(cloud.outbox.sent.map((sent) => sent.touser)).toEqual(['o-1'])
    } finally {
      delete process.env.HUIYUAN_OPENAPI_URL
      await cloud.close()
    }
  })
})
