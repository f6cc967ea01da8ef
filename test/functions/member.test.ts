import { dataOf, useLocalCloud } from '../support/localCloud'
import { isValidCardNo } from '../../cloudfunctions/shared/domain/cardNumber'

const { cloud, as } = useLocalCloud()
const form = { name: '张三', birthday: '1990-05-01', gender: 'male' as const }

describe('member.me', () => {
  it('answers null for someone who has not joined, in exactly one database round trip', async () => {
    cloud().db.resetStats()
    const envelope = await as('me-stranger').call('member', 'me', {})
    expect(envelope).toEqual({ ok: true, data: null })
    expect(cloud().db.stats().roundTrips).toBe(1)
  })

  it('refuses a caller WeChat did not identify', async () => {
    const envelope = await as(null).call('member', 'me', {})
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('member.join', () => {
  it('creates the caller’s member keyed by OPENID, then me shows that card', async () => {
    const card = dataOf(await as('join-new').call('member', 'join', form))
    expect(card).toMatchObject({ name: '张三', birthday: '1990-05-01', gender: 'male', tier: 'regular', tierName: '普通', pointsBalance: 0 })
    expect(isValidCardNo(card.cardNo)).toBe(true)
    expect(card).not.toHaveProperty('openid')
    const stored = cloud().db.find('members', { _id: 'join-new' })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ _openid: 'join-new', cardNo: card.cardNo, profile: { birthdayMD: '05-01' } })
    expect(dataOf(await as('join-new').call('member', 'me', {}))).toEqual(card)
  })

  it('a second join changes nothing and returns the same member', async () => {
    const first = dataOf(await as('join-twice').call('member', 'join', form))
    const second = dataOf(await as('join-twice').call('member', 'join', { name: '李四', birthday: '2000-01-01', gender: 'female' }))
    expect(second).toEqual(first)
    expect(cloud().db.find('members', { _id: 'join-twice' })).toHaveLength(1)
  })

  it('concurrent joins by one person create one member', async () => {
    const cards = await Promise.all(Array.from({ length: 6 }, () => as('join-race').call('member', 'join', form)))
    const cardNos = new Set(cards.map((envelope) => dataOf(envelope).cardNo))
    expect(cardNos.size).toBe(1)
    expect(cloud().db.find('members', { _id: 'join-race' })).toHaveLength(1)
  })

  it('ignores an openid or role in the payload: identity comes from WeChat only', async () => {
    const card = dataOf(await as('join-real').call('member', 'join', { ...form, openid: 'join-victim', role: 'owner' }))
    expect(cloud().db.find('members', { _id: 'join-victim' })).toHaveLength(0)
    expect(cloud().db.find('members', { _id: 'join-real' })[0].cardNo).toBe(card.cardNo)
    expect(cloud().db.find('staff', { _id: 'join-real' })).toHaveLength(0)
  })

  it('makes at most 3 database round trips (1 for a new member, 2 for a repeat)', async () => {
    cloud().db.resetStats()
    await as('join-trips').call('member', 'join', form)
    expect(cloud().db.stats().roundTrips).toBe(1)
    cloud().db.resetStats()
    await as('join-trips').call('member', 'join', form)
    expect(cloud().db.stats().roundTrips).toBe(2)
  })

  const badPayloads: Array<[string, unknown, string]> = [
    ['no payload', undefined, 'name'],
    ['missing name', { birthday: '1990-05-01', gender: 'male' }, 'name'],
    ['blank name', { ...form, name: '   ' }, 'name'],
    ['over-long name', { ...form, name: '张'.repeat(21) }, 'name'],
    ['name of the wrong type', { ...form, name: 42 }, 'name'],
    ['missing birthday', { name: '张三', gender: 'male' }, 'birthday'],
    ['birthday that is not a date', { ...form, birthday: '2026-02-30' }, 'birthday'],
    ['birthday in another format', { ...form, birthday: '1990/05/01' }, 'birthday'],
    ['birthday of the wrong type', { ...form, birthday: 19900501 }, 'birthday'],
    ['birthday in the future', { ...form, birthday: '2999-01-01' }, 'birthday'],
    ['birthday before 1900', { ...form, birthday: '1899-12-31' }, 'birthday'],
    ['unknown gender', { ...form, gender: 'robot' }, 'gender'],
    ['unknown field', { ...form, vip: true }, 'vip'],
    ['$-prefixed key', { ...form, $set: { tier: 'diamond' } }, '$set'],
    ['nested $-prefixed key', { ...form, name: { $gt: '' } }, 'name.$gt'],
    ['dotted key', { ...form, 'profile.tier': 'diamond' }, 'profile.tier'],
    ['payload that is not an object', 'join me', ''],
  ]

  it.each(badPayloads)('rejects %s with INVALID_INPUT and writes nothing', async (_label, payload, field) => {
    const before = cloud().db.find('members').length
    const envelope = await as('join-bad').call('member', 'join', payload as Record<string, unknown>)
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('INVALID_INPUT')
    expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(envelope.error.fields?.map((issue) => issue.path).join(' ')).toContain(field)
    expect(cloud().db.find('members')).toHaveLength(before)
  })

  it('answers an unknown action with UNKNOWN_ACTION, and a malformed event without crashing', async () => {
    expect(await as('join-bad').call('member', 'drop' as never, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
    expect(await as('join-bad').raw('member', null)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
    expect(await as('join-bad').raw('member', { action: 'constructor' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  })
})
