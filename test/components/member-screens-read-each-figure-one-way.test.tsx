/**
 * What a member reads on the card page and in 积分明细: every figure through the contract's one
 * formatter (grouped points, signed movements, dates on the Beijing calendar), and a section still
 * loading shows a placeholder, never a dash that reads like a figure.
 */
import { render, screen, within } from '@testing-library/react'
import type { MemberCard as MemberCardData } from '../../cloudfunctions/shared/contract/member'
import type { LedgerEntry, PointsSummary as PointsSummaryData } from '../../cloudfunctions/shared/contract/points'
import type { QueryState } from '../../client/hooks/useCloudQuery'
import { LedgerList } from '../../client/components/LedgerList'
import { MemberCard } from '../../client/components/MemberCard'
import { PointsSummary } from '../../client/components/PointsSummary'

const CARD: MemberCardData = {
  cardNo: '1006646713',
  name: '林晓雨',
  avatarUrl: null,
  phoneBound: false,
  gender: 'female',
  birthday: '1992-03-18',
  tier: 'gold',
  tierName: '金卡',
  pointsBalance: 5780,
  lifetimePoints: 8160,
  joinedAt: '2025-08-28T02:00:00.000Z',
  shopName: '会员通示范店',
}

const SUMMARY: PointsSummaryData = { pointsBalance: 5780, lifetimePoints: 8160, expiringSoon: { points: 1400, expiresAt: '2026-12-31T15:59:59.999Z' }, pointsPerYuan: 1, pointsPerCashYuan: 100 }

const loading: QueryState<PointsSummaryData> = { status: 'loading', data: undefined, error: undefined }
const ready: QueryState<PointsSummaryData> = { status: 'ready', data: SUMMARY, error: undefined }

describe('the card', () => {
  it('is headed by the shop’s name and shows the balance grouped', () => {
    render(<MemberCard card={CARD} />)
    expect(screen.getByTestId('member-card-shop').textContent).toBe('会员通示范店')
    expect(screen.getByTestId('member-points').textContent).toBe('5,780')
    expect(screen.getByTestId('member-card-no').textContent).toBe('NO. 1006 6467 13')
  })
})

describe('可用积分 on the card page', () => {
  it('while it loads shows a placeholder, not a dash beside the card’s figure', () => {
    render(<PointsSummary summary={loading} onRetry={() => undefined} />)
    const summary = screen.getByTestId('points-summary')
    expect(within(summary).getByTestId('skeleton')).toBeTruthy()
    expect(summary.textContent).not.toContain('—')
    expect(within(summary).queryByTestId('points-summary-balance')).toBeNull()
  })

  it('once loaded reads the balance and what expires soon the same way as everywhere', () => {
    render(<PointsSummary summary={ready} onRetry={() => undefined} />)
    expect(screen.getByTestId('points-summary-balance').textContent).toBe('5,780')
    expect(screen.getByTestId('points-expiring').textContent).toBe('即将过期 1,400 积分（12月31日）')
  })
})

describe('积分明细', () => {
  const entries: LedgerEntry[] = [
    { id: 'a', kind: 'earn', delta: 1000, reason: '消费 ¥1,000.00 · 单号 D1', createdAt: '2026-03-18T07:01:00.000Z', expiresAt: '2027-03-31T15:59:59.999Z' },
    { id: 'b', kind: 'redeem', delta: -1200, reason: '积分抵现 ¥12.00 · 单号 D2', createdAt: '2026-11-30T16:05:00.000Z', expiresAt: null },
  ]

  it('signs and groups every movement, and dates it on the Beijing calendar', () => {
    render(<LedgerList entries={entries} />)
    const rows = screen.getAllByTestId('ledger-entry')
    expect(rows.map((row) => within(row).getByTestId('ledger-delta').textContent)).toEqual(['+1,000', '-1,200'])
    expect(rows[0].textContent).toContain('2026年3月18日 15:01 · 2027年3月31日到期')
    expect(rows[1].textContent).toContain('2026年12月1日 00:05')
  })
})
