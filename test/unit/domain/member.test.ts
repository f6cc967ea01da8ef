import { decideJoin, toMemberCard } from '../../../cloudfunctions/shared/domain/member'
import { shopDate } from '../../../cloudfunctions/shared/domain/calendar'

const source = { store: 'store-001', referrer: null, scene: null }
const join = (birthday: string, now: Date) => decideJoin({ openid: 'o-1', cardNo: '1000000009', source, now, form: { name: '张三', gender: 'female', birthday } })

describe('joining', () => {
  it('starts every member at the lowest tier with no points, keeping the birthday month-day for the daily query', () => {
    const now = new Date('2026-11-22T02:00:00Z')
    const decision = join('1990-02-28', now)
    expect(decision).toMatchObject({ ok: true, member: { _id: 'o-1', tier: 'regular', pointsBalance: 0, lifetimePoints: 0, joinedAt: now, profile: { birthdayMD: '02-28' } } })
  })

  it('judges "today" in China, not in the function’s UTC clock', () => {
    // 16:30 UTC on 21 November is already 00:30 on 22 November in Shanghai.
    const now = new Date('2026-11-21T16:30:00Z')
    expect(shopDate(now)).toBe('2026-11-22')
    expect(join('2026-11-22', now).ok).toBe(true)
    expect(join('2026-11-23', now)).toEqual({ ok: false, field: 'birthday', message: '生日不能晚于今天' })
  })

  it('shows the card without the OPENID', () => {
    const decision = join('1990-02-28', new Date('2026-11-22T02:00:00Z'))
    if (!decision.ok) throw new Error('expected a member')
    const card = toMemberCard(decision.member)
    expect(card).toEqual({
      cardNo: '1000000009',
      name: '张三',
      avatarUrl: null,
      phoneBound: false,
      gender: 'female',
      birthday: '1990-02-28',
      tier: 'regular',
      tierName: '普通',
      pointsBalance: 0,
      lifetimePoints: 0,
      joinedAt: '2026-11-22T02:00:00.000Z',
    })
    expect(JSON.stringify(card)).not.toContain('o-1')
  })
})
