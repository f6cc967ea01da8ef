import assert from 'node:assert/strict'
import { chooseFilterTab, confirmModal, expectPage, fillInput, openAs, openStaffPage, pageRoot, tapTab, textOf } from './support/app'
import { test } from './support/fixtures'

const SEARCH = '/admin/pages/member/index'
const ARCHIVE = '/admin/pages/archive/index'
const GOLD = 'demo-member-gold'

// 林晓雨 is erased: other journeys read her as the demo seeded her.
test.use({ freshCloud: true })

/**
 * The member archive, end to end: the owner finds 林晓雨 by the last 4 digits of her phone, opens
 * her 360 page and adds a note; she then erases her account from 我的 › 隐私与数据 (the consequences
 * in her figures, a checkbox, a second confirmation), and the card tab asks her to join again.
 */
test('the owner finds a member by the last 4 digits of her phone and notes her; she erases her account and is asked to join again', async ({ page, cloud, newPhone }) => {
  // The demo shop seeds 林晓雨 with a bound phone, as bindPhone stores it.
  const [gold] = cloud.db.find('members', { _id: GOLD }) as { profile: { phone: string | null } }[]
  const phone = gold.profile.phone
  assert.ok(phone, 'the demo seeds 林晓雨 with a phone number')
  const note = '偏好燕麦奶，周末常来'
  await openAs(page, 'member')

  const owner = await newPhone('owner')
  const search = pageRoot(owner, SEARCH)
  await test.step('the owner searches for the last 4 digits and is told how the query was read', async () => {
    await openStaffPage(owner, 'owner', 'console-search', SEARCH)
    await fillInput(search, 'search-query', phone.slice(-4))
    await search.getByTestId('search-submit').click()
    await search
      .getByTestId('search-by')
      .filter({ hasText: `按手机尾号「${phone.slice(-4)}」查找` })
      .waitFor()
    const hit = search.getByTestId('search-hit').filter({ hasText: '林晓雨' })
    // The owner sees the whole number.
    assert.match(await textOf(hit.getByTestId('search-hit-phone')), new RegExp(phone))
    await hit.click()
  })

  const archive = pageRoot(owner, ARCHIVE)
  await test.step('the 360 page shows her, and a note is added with its author', async () => {
    await expectPage(owner, ARCHIVE)
    await archive.getByTestId('archive-name').filter({ hasText: '林晓雨' }).waitFor()
    await chooseFilterTab(archive, '备注')
    await archive.getByTestId('archive-note-text').locator('textarea').fill(note)
    await archive.getByTestId('archive-note-send').click()
    await archive.getByTestId('archive-note').filter({ hasText: note }).waitFor()
    assert.match(await textOf(archive.getByTestId('archive-note').filter({ hasText: note })), /店主|王/)
    assert.equal(cloud.db.find('member_notes', { text: note }).length, 1)
  })

  await test.step('the member erases her account: consequences, checkbox, a second confirmation', async () => {
    await tapTab(page, '我的')
    await expectPage(page, '/pages/me/index')
    await pageRoot(page, '/pages/me/index').getByTestId('me-privacy').click()
    await expectPage(page, '/account/pages/privacy/index')
    await pageRoot(page, '/account/pages/privacy/index').getByTestId('privacy-erase').click()
    await expectPage(page, '/account/pages/erase/index')
    const erase = pageRoot(page, '/account/pages/erase/index')
    await erase.getByTestId('erase-points').waitFor()
    await erase.getByTestId('erase-understood').click()
    await erase.getByTestId('erase-submit').click()
    await confirmModal(page, '确认注销会员？')
  })

  await test.step('the card tab asks her to join again', async () => {
    await expectPage(page, '/pages/card/index')
    await pageRoot(page, '/pages/card/index').getByTestId('join-prompt').waitFor()
    const [member] = cloud.db.find('members', { _id: GOLD }) as { removedAt?: unknown; profile?: { phone?: string | null } }[]
    assert.ok(!member || member.removedAt, 'the member is erased')
    assert.notEqual(member?.profile?.phone, phone, 'her phone is gone')
  })
})
