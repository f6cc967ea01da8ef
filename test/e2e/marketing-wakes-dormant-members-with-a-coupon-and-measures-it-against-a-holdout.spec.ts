import assert from 'node:assert/strict'
import type { Locator } from '@playwright/test'
import type { LocalCloud } from '../../local/cloud'
import { formatDate, groupDigits, shortYuan } from '../../cloudfunctions/shared/contract/format'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { formatAmount, formatTemplateDate } from '../../cloudfunctions/shared/domain/templateFields'
import { restoreConsentQuotas } from '../../scripts/seed'
import { confirmModal, expectPage, expectToast, fillInput, openLink, openStaffPage, pageRoot, textOf } from './support/app'
import { callAs, eventually, memberDoc } from './support/db'
import { expect, runId, test } from './support/fixtures'
import { campaignMessages, campaignMessagesTo, deliveriesOf, sendingMoment } from './support/marketing'

const HOME = '/marketing/pages/home/index'
const SEGMENTS = '/marketing/pages/segments/index'
const SEGMENT = '/marketing/pages/segment/index'
const CAMPAIGN = '/marketing/pages/campaign/index'
const WALLET = '/points/pages/wallet/index'
const TEMPLATE = SUBSCRIBE_TEMPLATES.campaignCoupon

// The campaign gives the dormant crowd coupons and spends their consent, its timer run classifies
// the whole shop again, and the clock may move to the morning: all of it stays on a cloud of its own.
test.use({ freshCloud: true })

/**
 * The marketing issue's journey: 营销小美 builds a new 沉睡 segment in the editor (the live count
 * shows the D dormant members as the server counts them: the marketing crowd's 7 and the everyday
 * shop's, some of whom never subscribed), saves it and creates a 优惠到账 campaign from it with a ¥15
 * coupon for 14 days, landing in the wallet. 预览 shows the D recipients, who of them the 10 %
 * holdout keeps back, who cannot be messaged (未订阅) and messages rendered as WeChat shows them;
 * 开始发送 hands over to the marketing timer at once, and after a refresh the campaign is 已完成:
 * 已送达 N, 对照组 M and 未订阅 U with N + M + U = D, as the deliveries say. A messaged member taps the message: the wallet shows the coupon,
 * the outbox holds exactly one message for them with the campaign's texts, and the results count
 * the open; a held-out member got neither message nor coupon.
 */
test('marketing wakes the dormant members with a coupon and measures it against a holdout', async ({ page: marketer, cloud, newPhone, snapshot }) => {
  // WeChat keeps the dormant members' consent; the emulator's outbox is given it as the dev start does.
  restoreConsentQuotas(cloud.db, cloud.outbox)
  // Campaigns send 09:00–21:00 Beijing time only; the start hands the sending to the timer at once.
  cloud.setNow(sendingMoment(cloud.now()))
  cloud.followReinvocations = true

  const id = runId().slice(-4)
  const segmentName = `沉睡唤醒 ${id}`
  const campaignName = `沉睡会员回店礼 ${id}`
  const texts = { title: '回店礼 15 元代金券', tip: '到店出示会员卡即可使用' }
  const coupon = { title: `老友回店券 ${id}`, yuan: 15, days: 14 }
  const dormantDocs = cloud.db.find('members', { rfm: 'dormant' }) as { _id: string; messaging?: { consent?: Record<string, number> } }[]
  const dormant = dormantDocs.map((member) => member._id).sort()
  const D = dormant.length
  for (const openid of Array.from({ length: 7 }, (_, index) => `demo-crowd-${20 + index}`)) assert.ok(dormant.includes(openid), `the demo shop's dormant crowd member ${openid} is dormant`)
  assert.ok(D > 7, 'the everyday shop has dormant members too')
  // Consent as the seed counted it: one 优惠到账通知 each for those who accepted, none for the others.
  const subscribed = new Set(dormantDocs.filter((member) => (member.messaging?.consent?.[TEMPLATE] ?? 0) > 0).map((member) => member._id))
  assert.ok(subscribed.size > 7 && subscribed.size < D, 'some of the dormant members subscribed, some did not')
  for (const openid of dormant) assert.equal(cloud.outbox.quota(openid, TEMPLATE), subscribed.has(openid) ? 1 : 0, `${openid} may receive ${subscribed.has(openid) ? 'one' : 'no'} 优惠到账通知`)
  const segmentPage = pageRoot(marketer, SEGMENT)
  const campaignPage = pageRoot(marketer, CAMPAIGN)

  await test.step(`营销小美 opens 营销中心 → 分群列表 → 新建分群 and chooses 沉睡: the live count shows ${D}`, async () => {
    await openStaffPage(marketer, 'marketing', 'console-marketing', HOME)
    const home = pageRoot(marketer, HOME)
    await home
      .getByTestId('rfm-members-dormant')
      .filter({ hasText: new RegExp(`^${groupDigits(D)}\\s*人$`) })
      .waitFor()
    await home.getByTestId('marketing-segments').click()
    await expectPage(marketer, SEGMENTS)
    await pageRoot(marketer, SEGMENTS).getByTestId('segment-new').click()
    await expectPage(marketer, SEGMENT)
    // Nothing chosen yet: every member counts, as many as the server counts.
    const everyone = await serverCount(cloud, {})
    assert.ok(everyone > D)
    await countShown(segmentPage, everyone)
    await chooseChip(segmentPage, 'segment-rfm-dormant')
    assert.equal(await serverCount(cloud, { rfm: ['dormant'] }), D, `the server counts ${D} dormant members`)
    await countShown(segmentPage, D)
    await snapshot('marketer-1-segment', marketer)
  })

  const segmentId = await test.step(`she names it 「${segmentName}」 and saves it`, async () => {
    await fillInput(segmentPage, 'segment-name', segmentName)
    await segmentPage.getByTestId('segment-save').click()
    await expectToast(marketer, '分群已保存')
    const [saved] = cloud.db.find('segments', { name: segmentName }) as { _id: string; filter: unknown; members: number; updatedBy: string }[]
    assert.ok(saved, 'the segment is stored')
    assert.deepEqual([saved.filter, saved.members, saved.updatedBy], [{ rfm: ['dormant'] }, D, 'demo-marketing'])
    return saved._id
  })

  await test.step('用此分群创建营销: 优惠到账 with a ¥15 coupon for 14 days, landing in the wallet', async () => {
    await segmentPage.getByTestId('segment-campaign').click()
    await expectPage(marketer, CAMPAIGN)
    const form = campaignPage.getByTestId('campaign-draft')
    await form.locator(`[data-testid="campaign-segment-${segmentId}"].mk-option--on`).waitFor()
    await fillInput(form, 'campaign-name', campaignName)
    await chooseChip(form, 'campaign-template-campaignCoupon')
    await fillInput(form, 'campaign-title', texts.title)
    await fillInput(form, 'campaign-tip', texts.tip)
    await chooseChip(form, 'campaign-landing-wallet')
    await fillInput(form, 'campaign-coupon-title', coupon.title)
    await form.locator('[data-testid="campaign-coupon-kind-fixed"].admin-chip--on').waitFor()
    await fillInput(form, 'campaign-coupon-value', String(coupon.yuan))
    await fillInput(form, 'campaign-coupon-days', String(coupon.days))
    assert.equal(await form.getByTestId('campaign-holdout').locator('input').inputValue(), '10', 'the holdout is 10 % unless changed')
    assert.equal(await form.locator('.form-field--invalid').count(), 0, 'the form finds nothing wrong')
    // The draft's own card, as WeChat will show it (its 有效期至 is the page's reckoning; the preview's samples are the server's).
    const draft = form.getByTestId('campaign-message')
    assert.equal(await textOf(draft.getByTestId('campaign-message-title')), '优惠到账通知')
    assert.match(await textOf(draft), new RegExp(`优惠名称 ${texts.title} 优惠金额 ¥15\\.00 有效期至 \\d{4}年\\d{2}月\\d{2}日 温馨提示 ${texts.tip}`))
    await form.getByTestId('campaign-coupon').scrollIntoViewIfNeeded()
    await snapshot('marketer-2-campaign', marketer)
  })

  const preview = await test.step(`预览: ${D} recipients, the holdout kept back, the unsubscribed counted, messages rendered as WeChat shows them`, async () => {
    await campaignPage.getByTestId('campaign-preview').click()
    const result = campaignPage.getByTestId('campaign-preview-result')
    await result.waitFor()
    const [draft] = cloud.db.find('campaigns', { name: campaignName }) as { _id: string; status: string; holdoutPercent: number; segment: { id: string } }[]
    assert.ok(draft, '预览 saved the draft')
    assert.deepEqual([draft.status, draft.holdoutPercent, draft.segment.id], ['draft', 10, segmentId])
    const figures = {
      recipients: await figureOf(result, 'campaign-preview-recipients'),
      heldOut: await figureOf(result, 'campaign-preview-heldOut'),
      noConsent: await figureOf(result, 'campaign-preview-noConsent'),
      optedOut: await figureOf(result, 'campaign-preview-optedOut'),
      capped: await figureOf(result, 'campaign-preview-capped'),
      willSend: await figureOf(result, 'campaign-preview-willSend'),
    }
    assert.deepEqual(figures, { recipients: D, heldOut: figures.heldOut, noConsent: figures.noConsent, optedOut: 0, capped: 0, willSend: D - figures.heldOut - figures.noConsent })
    // Those the holdout does not keep back and who never subscribed: at most every unsubscribed member, at least those the holdout could not all hold.
    assert.ok(figures.noConsent <= D - subscribed.size && figures.noConsent >= D - subscribed.size - figures.heldOut, `未订阅 ${figures.noConsent}`)
    const issued = { amount: formatAmount(coupon.yuan * 100), until: formatTemplateDate(lastValidDay(cloud.now(), coupon.days)) }
    assert.ok(issued.amount.ok && issued.until.ok)
    const samples = result.getByTestId('campaign-sample')
    assert.equal(await samples.count(), Math.min(3, figures.willSend), 'up to 3 samples, one per member who will receive it')
    for (const sample of await samples.all()) {
      assert.equal(await textOf(sample.getByTestId('campaign-sample-title')), '优惠到账通知')
      assert.deepEqual(await fieldsOf(sample), [
        ['优惠名称', texts.title],
        ['优惠金额', issued.amount.value],
        ['有效期至', issued.until.value],
        ['温馨提示', texts.tip],
      ])
      assert.match(await textOf(sample.locator('.mk-wx__caption')), /^发给 \S+$/)
    }
    await result.scrollIntoViewIfNeeded()
    await snapshot('marketer-3-preview', marketer)
    return { campaignId: draft._id, ...figures }
  })
  const { campaignId } = preview

  await test.step('开始发送 (confirmed): the campaign hands over to the marketing timer at once', async () => {
    await campaignPage.getByTestId('campaign-start').click()
    const dialog = marketer.locator('.taro__modal .taro-modal__content')
    await dialog.locator('.taro-model__confirm', { hasText: '开始发送' }).waitFor()
    assert.ok(
      (await textOf(dialog)).includes(`将立即开始发送：预计 ${preview.willSend} 位会员收到「${campaignName}」。分群 ${D} 人中，对照组 ${preview.heldOut} 人不发送，${preview.noConsent} 人未订阅`),
    )
    await confirmModal(marketer, '开始发送')
    await expectToast(marketer, '已开始发送')
    await campaignPage.getByTestId('campaign-run').waitFor()
    assert.ok(
      cloud.reinvocations.some((entry) => entry.fn === 'marketing' && (entry.event as { action?: string }).action === 'tick'),
      'startCampaign asked for a marketing tick',
    )
  })

  const run = campaignPage.getByTestId('campaign-run')
  const outcome = await test.step(`刷新 until the campaign is 已完成: 已送达 N, 对照组 M, 未订阅 U, N + M + U = ${D}, as the deliveries say`, async () => {
    await expect(async () => {
      await run.getByTestId('campaign-refresh').click()
      await run.getByTestId('campaign-status').filter({ hasText: '已完成' }).waitFor({ timeout: 1_000 })
    }).toPass({ timeout: 20_000, intervals: [500] })
    const deliveries = deliveriesOf(cloud, campaignId)
    const withStatus = (status: string) => deliveries.filter((delivery) => delivery.status === status).map((delivery) => delivery.openid)
    const sent = withStatus('sent')
    const heldOut = withStatus('heldOut')
    const unsubscribed = withStatus('noConsent')
    assert.deepEqual(
      deliveries.map((delivery) => delivery.openid),
      dormant,
      'one delivery for each dormant member',
    )
    assert.equal(
      sent.length + heldOut.length + unsubscribed.length,
      D,
      `every dormant member was messaged, held out or not subscribed: ${JSON.stringify(deliveries.map((delivery) => delivery.status))}`,
    )
    assert.equal(heldOut.length, preview.heldOut, 'the holdout is the one the preview showed')
    assert.equal(unsubscribed.length, preview.noConsent, 'the unsubscribed are the ones the preview counted')
    for (const openid of sent) assert.ok(subscribed.has(openid), `${openid} was messaged on their consent`)
    for (const openid of unsubscribed) assert.ok(!subscribed.has(openid), `${openid} had no consent`)
    const results = run.getByTestId('campaign-results')
    assert.deepEqual(
      {
        targeted: await figureOf(results, 'campaign-results-targeted'),
        sent: await figureOf(results, 'campaign-results-sent'),
        heldOut: await figureOf(results, 'campaign-results-heldOut'),
        noConsent: await figureOf(results, 'campaign-results-noConsent'),
        optedOut: await figureOf(results, 'campaign-results-optedOut'),
        capped: await figureOf(results, 'campaign-results-capped'),
        failed: await figureOf(results, 'campaign-results-failed'),
        pending: await figureOf(results, 'campaign-results-pending'),
        opened: await figureOf(results, 'campaign-results-opened'),
      },
      { targeted: D, sent: sent.length, heldOut: heldOut.length, noConsent: unsubscribed.length, optedOut: 0, capped: 0, failed: 0, pending: 0, opened: 0 },
    )
    assert.equal(await textOf(results.getByTestId('campaign-conversion-recipients-members')), groupDigits(sent.length))
    assert.equal(await textOf(results.getByTestId('campaign-conversion-holdout-members')), groupDigits(heldOut.length))
    assert.equal(campaignMessages(cloud, campaignId).length, sent.length, 'one message for each member messaged, none for the holdout')
    const [doc] = cloud.db.find('campaigns', { _id: campaignId }) as { status: string; finishedAt: Date | null }[]
    assert.equal(doc.status, 'done')
    assert.ok(doc.finishedAt, 'the campaign has finished')
    // The picture shows the figures, not the start's toast over them.
    await marketer.locator('.taro__toast p', { hasText: '已开始发送' }).waitFor({ state: 'hidden' })
    test.info().annotations.push({ type: 'holdout', description: `${sent.length} messaged, ${heldOut.length} held out (${heldOut.join(', ') || 'none'})` })
    await snapshot('marketer-4-results', marketer)
    return { sent, heldOut }
  })

  for (const openid of outcome.heldOut) {
    assert.equal(campaignMessagesTo(cloud, openid, campaignId).length, 0, `${openid} is held out: no message`)
    assert.equal(cloud.db.find('coupons', { _id: `campaign:${campaignId}:${openid}` }).length, 0, `${openid} is held out: no coupon`)
    assert.equal(cloud.outbox.quota(openid, TEMPLATE), subscribed.has(openid) ? 1 : 0, `${openid} is held out: the consent is left as it was`)
  }

  const reached = outcome.sent[0]
  assert.ok(reached, 'somebody was messaged')
  const name = memberDoc(cloud, reached).profile.name
  const member = await newPhone('member')
  await test.step(`${name} (${reached}) taps the message: the wallet shows the coupon; the outbox holds one message with the campaign's texts`, async () => {
    const messages = campaignMessagesTo(cloud, reached, campaignId)
    assert.equal(messages.length, 1, `exactly one campaign message to ${reached}`)
    const [message] = messages
    const [issued] = cloud.db.find('coupons', { _id: `campaign:${campaignId}:${reached}` }) as {
      title: string
      kind: string
      value: number
      minSpendFen: number
      source: string
      status: string
      validFrom: Date
      validUntil: Date
    }[]
    assert.ok(issued, 'the campaign issued the coupon')
    assert.deepEqual([issued.title, issued.kind, issued.value, issued.minSpendFen, issued.source, issued.status], [coupon.title, 'fixed', coupon.yuan * 100, 0, 'campaign', 'available'])
    const until = formatTemplateDate(new Date(issued.validUntil))
    assert.ok(until.ok)
    assert.equal(message.templateId, TEMPLATE)
    assert.deepEqual(message.data, { thing1: { value: texts.title }, amount2: { value: '¥15.00' }, date3: { value: until.value }, thing4: { value: texts.tip } })
    assert.equal(message.page, `points/pages/wallet/index?campaign=${campaignId}`)
    assert.equal(cloud.outbox.quota(reached, TEMPLATE), 0, 'the consent is used')

    await openLink(member, reached, `/${message.page}`)
    const wallet = pageRoot(member, WALLET)
    const card = wallet.getByTestId('coupon-card').filter({ hasText: coupon.title })
    await card.waitFor()
    assert.equal(await textOf(card.getByTestId('coupon-value')), shortYuan(coupon.yuan * 100))
    assert.match(await textOf(card), new RegExp(`无门槛 ${coupon.title} ${formatDate(issued.validFrom)} 至 ${formatDate(issued.validUntil)}`))
    await eventually(() => deliveriesOf(cloud, campaignId).find((delivery) => delivery.openid === reached)?.openedAt != null, true, 'the landing counts as an open')
    await snapshot('member-wallet', member)
  })

  await test.step('营销小美 refreshes the results: 打开落地页 1', async () => {
    await run.getByTestId('campaign-refresh').click()
    await run.getByTestId('campaign-results-opened').filter({ hasText: /^1$/ }).waitFor()
    assert.equal(await figureOf(run, 'campaign-results-sent'), outcome.sent.length)
    assert.equal(await figureOf(run, 'campaign-results-heldOut'), outcome.heldOut.length)
  })
})

/** What the editor's live count asks the server, asked as 营销小美. */
async function serverCount(cloud: LocalCloud, filter: object): Promise<number> {
  return ((await callAs(cloud, 'demo-marketing', 'marketing', 'countSegment', { filter })) as { members: number }).members
}

/** The live count once it is fresh, and the figure it shows. */
async function countShown(editor: Locator, members: number): Promise<void> {
  await editor.getByTestId('segment-count-state').filter({ hasText: '人数已是最新' }).waitFor()
  await editor
    .getByTestId('segment-count')
    .filter({ hasText: new RegExp(`^${groupDigits(members)}$`) })
    .waitFor()
}

async function chooseChip(root: Locator, testId: string): Promise<void> {
  await root.getByTestId(testId).click()
  await root.locator(`[data-testid="${testId}"].admin-chip--on`).waitFor()
}

/** A figure on the page (`1,234`, `约 12`) as a number. */
async function figureOf(root: Locator, testId: string): Promise<number> {
  return Number((await textOf(root.getByTestId(testId))).replace(/[^\d]/g, ''))
}

/** A rendered message's fields as label and value. */
async function fieldsOf(card: Locator): Promise<[string, string][]> {
  return card
    .locator('.mk-wx__field')
    .evaluateAll((fields) =>
      fields.map((field) => [field.querySelector('.mk-wx__label')?.textContent?.trim() ?? '', field.querySelector('.mk-wx__value')?.textContent?.trim() ?? ''] as [string, string]),
    )
}

/** The last day a coupon valid for `days` from today (Beijing) may be used. */
function lastValidDay(now: Date, days: number): Date {
  return new Date(now.getTime() + (days - 1) * 24 * 60 * 60 * 1000)
}
