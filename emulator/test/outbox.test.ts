import { OUTBOX_KEEP, Outbox } from '../openapi/outbox'

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
})

describe('outbox memory', () => {
  it('keeps the newest messages and forgets used-up consents, however many are sent', () => {
    const outbox = new Outbox()
    for (let i = 0; i < OUTBOX_KEEP + 500; i++) {
      outbox.grant(`o-${i}`, ['tpl-birthday'])
      expect(outbox.send({ ...message(), touser: `o-${i}` }).errCode).toBe(0)
    }
    expect(outbox.sent).toHaveLength(OUTBOX_KEEP)
    expect(outbox.sent.at(-1)?.touser).toBe(`o-${OUTBOX_KEEP + 499}`)
    expect(outbox.sentCount).toBe(OUTBOX_KEEP + 500)
    expect(outbox.quota('o-0', 'tpl-birthday')).toBe(0)
    expect((outbox as unknown as { quotas: Map<string, number> }).quotas.size).toBe(0)
  })
})
