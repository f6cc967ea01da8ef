import { decideExpiry } from '../../../cloudfunctions/shared/domain/expiry'
import { aMember, APRIL_END, DECEMBER_END, JUNE_END, NOW, RULES } from './given'

const MARCH_END = new Date('2026-03-31T23:59:59.999+08:00')

describe('given lots that ended in March and April, and one ending in June', () => {
  const member = aMember({
    lots: [
      { expiresAt: MARCH_END, remaining: 30 },
      { expiresAt: APRIL_END, remaining: 70 },
      { expiresAt: JUNE_END, remaining: 100 },
    ],
  })

  it('when the job runs on 20 May, then one expire row per due lot, keyed by the lot’s date, with the balance after each', () => {
    expect(decideExpiry(member, RULES, NOW)).toMatchObject({
      kind: 'decision',
      ledger: [
        {
          _id: 'expire:member-1:2026-03-31',
          kind: 'expire',
          delta: -30,
          balanceAfter: 170,
          reason: '积分过期（2026年3月到期）',
          by: 'system',
          rulesVersion: 7,
          ref: 'lot:2026-03-31',
          expiresAt: null,
          createdAt: NOW,
        },
        { _id: 'expire:member-1:2026-04-30', delta: -70, balanceAfter: 100, reason: '积分过期（2026年4月到期）', ref: 'lot:2026-04-30' },
      ],
      member: { pointsBalance: 100, lifetimePoints: 200, pointLots: [{ expiresAt: JUNE_END, remaining: 100 }], nextExpiryAt: JUNE_END },
      messages: [],
    })
  })

  it('then the member is not marked active: expiry is not something they did', () => {
    const decision = decideExpiry(member, RULES, NOW)
    expect(decision.kind === 'decision' && 'lastActiveAt' in decision.member).toBe(false)
  })
})

describe('given nothing due', () => {
  it('when the next expiry is right, then nothing to do', () => {
    expect(decideExpiry(aMember({ lots: [{ expiresAt: DECEMBER_END, remaining: 10 }] }), RULES, NOW)).toEqual({ kind: 'nothing-due' })
  })

  it('when a spent-down lot left nextExpiryAt behind, then it is put right, with no ledger row', () => {
    const stale = aMember({ lots: [{ expiresAt: DECEMBER_END, remaining: 10 }], nextExpiryAt: APRIL_END })
    expect(decideExpiry(stale, RULES, NOW)).toMatchObject({ kind: 'decision', ledger: [], member: { nextExpiryAt: DECEMBER_END, pointsBalance: 10 } })
  })

  it('when the member document is gone, then missing', () => {
    expect(decideExpiry(null, RULES, NOW)).toEqual({ kind: 'missing' })
  })
})
