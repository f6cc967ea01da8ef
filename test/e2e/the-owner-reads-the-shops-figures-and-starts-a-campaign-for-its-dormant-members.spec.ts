import assert from 'node:assert/strict'
import type { LocalCloud } from '../../local/cloud'
import type { LedgerRow } from '../../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { shopDate, shopDayEnd, shopDayStart } from '../../cloudfunctions/shared/domain/calendar'
import { daysBefore, previousDay } from '../../cloudfunctions/shared/domain/stats'
import { formatKpiValue } from '../../client/insight/format'
import { seedStats } from '../../scripts/seed'
import { expectPage, openStaffPage, pageRoot } from './support/app'
import { expect, test } from './support/fixtures'

const OVERVIEW = '/insight/pages/overview/index'
const MEMBERS = '/insight/pages/members/index'
const CONSUMPTION = '/insight/pages/consumption/index'
const CHURN = '/insight/pages/churn/index'
const SERVICE = '/insight/pages/service/index'
const CAMPAIGN = '/marketing/pages/campaign/index'

// The backfill writes a year of statistics and the tap saves a segment: a cloud of its own.
test.use({ freshCloud: true })

/** What the database holds for the period ending yesterday, counted here from the members and the ledger. */
function heldByTheDatabase(cloud: LocalCloud, days: number) {
  const to = previousDay(shopDate(cloud.now()))
  const start = shopDayStart(daysBefore(to, days - 1)).getTime()
  const end = shopDayEnd(to).getTime()
  const members = (cloud.db.find('members', {}) as MemberDoc[]).filter((member) => new Date(member.joinedAt).getTime() < end && !member.removedAt && !member.erasedAt)
  const rows = (cloud.db.find('ledger', {}) as LedgerRow[]).filter((row) => new Date(row.createdAt).getTime() >= start && new Date(row.createdAt).getTime() < end)
  const sales = rows.filter((row) => row.kind === 'earn' && row.order).reduce((sum, row) => sum + (row.order!.checkout?.paidFen ?? row.order!.amountFen), 0)
  const refunds = rows.filter((row) => row.kind === 'reverse' && row.refund).reduce((sum, row) => sum + row.refund!.amountFen, 0)
  const joined = members.filter((member) => new Date(member.joinedAt).getTime() >= start).length
  const outstanding = (cloud.db.find('ledger', {}) as LedgerRow[]).filter((row) => new Date(row.createdAt).getTime() < end).reduce((sum, row) => sum + row.delta, 0)
  return { members: members.length, newMembers: joined, salesFen: sales - refunds, liabilityFen: outstanding }
}

/**
 * The dashboards issue's journey: on the demo shop with its year of figures (the seed's morning
 * classification and backfill), 王店长 opens 员工后台 → 数据分析. The overview's KPI cards show what
 * the database holds (members, new members and sales of the last 30 days, the points liability),
 * each chart page draws its charts, 90 天 reads the longer period, and on 会员 one tap on 沉睡's
 * 发起营销 lands on a new campaign for a segment of the dormant members.
 */
test('the owner reads the shop’s figures and starts a campaign for its dormant members', async ({ page, cloud, snapshot }) => {
  const seeded = await seedStats(cloud)
  assert.equal(seeded.to, previousDay(shopDate(cloud.now())))
  const overview = pageRoot(page, OVERVIEW)
  const kpi = (key: string) => overview.getByTestId(`kpi-${key}-value`)

  await test.step('王店长 opens 数据分析: the KPI cards equal what the database holds for the last 30 days', async () => {
    await openStaffPage(page, 'owner', 'console-insight', OVERVIEW)
    const held = heldByTheDatabase(cloud, 30)
    assert.ok(held.salesFen > 0 && held.newMembers > 0, 'the demo shop sold and grew over the last 30 days')
    await expect(kpi('members')).toHaveText(formatKpiValue({ value: held.members, unit: 'count' }))
    await expect(kpi('newMembers')).toHaveText(formatKpiValue({ value: held.newMembers, unit: 'count' }))
    await expect(kpi('salesFen')).toHaveText(formatKpiValue({ value: held.salesFen, unit: 'fen' }))
    await expect(kpi('liabilityFen')).toHaveText(formatKpiValue({ value: held.liabilityFen, unit: 'fen' }))
    await expect(overview.getByTestId('chart-overview-trend').locator('canvas')).toBeVisible()
    await snapshot('owner-1-overview-30', page)
  })

  await test.step('90 天 reads the 90 days before yesterday', async () => {
    await overview.getByTestId('period-90').click()
    const held = heldByTheDatabase(cloud, 90)
    await expect(kpi('newMembers')).toHaveText(formatKpiValue({ value: held.newMembers, unit: 'count' }))
    await expect(kpi('salesFen')).toHaveText(formatKpiValue({ value: held.salesFen, unit: 'fen' }))
    await snapshot('owner-2-overview-90', page)
  })

  await test.step('消费, 流失预警 and 活动与服务 draw their figures', async () => {
    for (const [link, route, label] of [
      ['consumption', CONSUMPTION, 'owner-3-consumption'],
      ['churn', CHURN, 'owner-4-churn'],
      ['service', SERVICE, 'owner-5-service'],
    ] as const) {
      await overview.getByTestId(`insight-link-${link}`).click()
      await expectPage(page, route)
      const root = pageRoot(page, route)
      await expect(root.getByTestId('insight-loading')).toHaveCount(0)
      if (link === 'consumption') await expect(root.getByTestId('category-row').first()).toContainText('咖啡')
      if (link === 'churn') await expect(root.getByTestId('churn-member').first()).toBeVisible()
      if (link === 'service') await expect(root.getByTestId('activity-type-row').first()).toBeVisible()
      await snapshot(label, page)
      // Each page from the console again (the H5 router's back between subpackage pages is not what is tested here).
      await openStaffPage(page, 'owner', 'console-insight', OVERVIEW)
    }
  })

  await test.step('on 会员, 沉睡’s 发起营销 lands on a new campaign for the dormant members’ segment', async () => {
    await overview.getByTestId('period-90').click()
    await overview.getByTestId('insight-link-members').click()
    await expectPage(page, MEMBERS)
    const members = pageRoot(page, MEMBERS)
    const dormant = (cloud.db.find('members', { rfm: 'dormant' }) as MemberDoc[]).length
    await expect(members.getByTestId('rfm-dormant')).toContainText(String(dormant))
    await snapshot('owner-6-members', page)
    await members.getByTestId('rfm-campaign-dormant').click()
    await expectPage(page, CAMPAIGN)
    const url = new URL(page.url().replace('#', ''), 'http://x')
    const segmentId = url.searchParams.get('segmentId') ?? new URLSearchParams(page.url().split('?')[1]).get('segmentId')
    assert.ok(segmentId, 'the campaign page opened for a segment')
    const [segment] = cloud.db.find('segments', { _id: segmentId }) as Array<{ name: string; filter: { rfm?: string[] }; members: number }>
    assert.deepEqual(segment.filter, { rfm: ['dormant'] })
    assert.equal(segment.members, dormant)
    // The demo's own 沉睡会员唤醒 has exactly this filter: the tap lands on it rather than on a copy.
    await expect(pageRoot(page, CAMPAIGN)).toContainText(segment.name)
    await snapshot('owner-7-new-campaign', page)
  })
})
