import { dataOf, useLocalCloud } from '../support/localCloud'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

describe('identity per invocation', () => {
  it('gives concurrent invocations on shared instances each their own OPENID', async () => {
    const callers = Array.from({ length: 24 }, (_, index) => `concurrent-${index}`)
    const cards = await Promise.all(callers.map((openid, index) => as(openid).call('member', 'join', { name: `会员${index}`, birthday: '1990-01-01', gender: 'unknown' })))
    cards.forEach((envelope, index) => expect(dataOf(envelope).name).toBe(`会员${index}`))
    for (const [index, openid] of callers.entries()) {
      const [member] = cloud().db.find('members', { _id: openid })
      expect(member).toMatchObject({ _openid: openid, profile: { name: `会员${index}` } })
    }
    const mine = await Promise.all(callers.map((openid) => as(openid).call('member', 'me', {})))
    mine.forEach((envelope, index) => expect(dataOf(envelope)?.name).toBe(`会员${index}`))
  })

  it('lets the emulator move the clock that functions see', async () => {
    cloud().setNow(new Date('2030-06-15T04:00:00Z'))
    try {
      const card = dataOf(await as('time-traveller').call('member', 'join', { name: '未来', birthday: '2030-06-15', gender: 'unknown' }))
      expect(card.joinedAt).toMatch(/^2030-06-15T04:00/)
    } finally {
      cloud().setNow(null)
    }
  })
})
