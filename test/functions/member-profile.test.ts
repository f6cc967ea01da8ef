import { dataOf, fileIdOfUrl, useLocalCloud } from '../support/localCloud'

const { cloud, as } = useLocalCloud()
const form = { name: '小林', birthday: '1990-05-01', gender: 'female' as const }
let cardNo = ''

beforeAll(async () => {
  cloud().db.insertMany('staff', [
    { _id: 'profile-owner', name: '店主', role: 'owner' },
    { _id: 'profile-admin', name: '管理员', role: 'admin' },
    { _id: 'profile-cashier', name: '收银', role: 'cashier' },
  ])
  cardNo = dataOf(await as('profile-member').call('member', 'join', form)).cardNo
})

const stored = () => cloud().db.find('members', { _id: 'profile-member' })[0]

describe('member.updateProfile', () => {
  it('changes name, gender and avatar, and me shows them', async () => {
    const avatarFileId = cloud().storage.put('avatars/new.png', Buffer.from('png'))
    const card = dataOf(await as('profile-member').call('member', 'updateProfile', { name: '林小雨', gender: 'unknown', avatarFileId }))
    expect(card).toMatchObject({ name: '林小雨', gender: 'unknown', birthday: '1990-05-01' })
    expect(fileIdOfUrl(cloud(), card.avatarUrl)).toBe(avatarFileId)
    expect(stored().profile).toMatchObject({ name: '林小雨', gender: 'unknown', avatarFileId, birthday: '1990-05-01', birthdayMD: '05-01' })
    // The same card; its avatar link is signed afresh on each call, as WeChat's temporary URLs are.
    const me = dataOf(await as('profile-member').call('member', 'me', {}))
    expect({ ...me, avatarUrl: fileIdOfUrl(cloud(), me?.avatarUrl) }).toEqual({ ...card, avatarUrl: avatarFileId })
  })

  it('refuses to move a birthday once set, and accepts sending the same one back', async () => {
    const envelope = await as('profile-member').call('member', 'updateProfile', { birthday: '1990-12-24' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '生日设置后不可修改，如需更正请联系门店', fields: [{ path: 'birthday' }] } })
    expect(stored().profile.birthday).toBe('1990-05-01')
    expect(dataOf(await as('profile-member').call('member', 'updateProfile', { birthday: '1990-05-01', name: '林晓雨' })).name).toBe('林晓雨')
  })

  it('sets a birthday that was never set', async () => {
    const [template] = cloud().db.find('members', { _id: 'profile-member' })
    cloud().db.insertMany('members', [
      { ...template, _id: 'profile-no-birthday', _openid: 'profile-no-birthday', cardNo: '1000000008', profile: { ...template.profile, birthday: '', birthdayMD: '' } },
    ])
    const card = dataOf(await as('profile-no-birthday').call('member', 'updateProfile', { birthday: '1988-02-29' }))
    expect(card.birthday).toBe('1988-02-29')
    expect(cloud().db.find('members', { _id: 'profile-no-birthday' })[0].profile).toMatchObject({ birthday: '1988-02-29', birthdayMD: '02-29' })
  })

  it('answers NOT_MEMBER to someone who has not joined', async () => {
    expect(await as('profile-stranger').call('member', 'updateProfile', { name: '路人' })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    expect(cloud().db.find('members', { _id: 'profile-stranger' })).toHaveLength(0)
  })

  it.each([
    ['an empty change', {}],
    ['a blank name', { name: '  ' }],
    ['an unknown gender', { gender: 'x' }],
    ['an avatar that is not a cloud file', { avatarFileId: 'http://x/y.png' }],
    ['a tier', { tier: 'diamond' }],
    ['a phone', { phone: '13800000000' }],
    ['a $-key', { name: { $set: 'x' } }],
  ])('rejects %s with INVALID_INPUT and writes nothing', async (_label, payload) => {
    const before = stored()
    expect(await as('profile-member').call('member', 'updateProfile', payload as Record<string, unknown>)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(stored()).toEqual(before)
  })
})

describe('member.setBirthday', () => {
  it('lets the owner correct a birthday with a reason, written to the audit log', async () => {
    const view = dataOf(await as('profile-owner').call('member', 'setBirthday', { cardNo, birthday: '1990-06-01', reason: '会员证件核对后更正' }))
    expect(view).toMatchObject({ cardNo, birthday: '1990-06-01', discountPercent: 0 })
    expect(stored().profile).toMatchObject({ birthday: '1990-06-01', birthdayMD: '06-01' })
    const [audit] = cloud().db.find('audit', { action: 'setBirthday' })
    // The birthday itself is personal data: the log keeps that it changed, for whom and why.
    expect(audit).toMatchObject({ fn: 'member', actor: 'profile-owner', role: 'owner', member: stored()._id, payload: { cardNo, reason: '会员证件核对后更正' } })
    expect(JSON.stringify(audit.payload)).not.toContain('1990-06-01')
  })

  it('lets an admin do it too, but a cashier or the member gets FORBIDDEN and nothing changes', async () => {
    expect(await as('profile-admin').call('member', 'setBirthday', { cardNo, birthday: '1990-06-02', reason: '核对' })).toMatchObject({ ok: true })
    expect(await as('profile-cashier').call('member', 'setBirthday', { cardNo, birthday: '1990-01-01', reason: '顾客要求' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('profile-member').call('member', 'setBirthday', { cardNo, birthday: '1990-01-01', reason: '我自己改' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(stored().profile.birthday).toBe('1990-06-02')
  })

  it.each([
    ['no reason', { birthday: '1990-01-01' }],
    ['a one-character reason', { birthday: '1990-01-01', reason: '改' }],
    ['a future birthday', { birthday: '2999-01-01', reason: '核对' }],
    ['an impossible date', { birthday: '1990-02-30', reason: '核对' }],
  ])('rejects %s with INVALID_INPUT and writes nothing', async (_label, payload) => {
    const before = stored()
    const audits = cloud().db.find('audit').length
    expect(await as('profile-owner').call('member', 'setBirthday', { cardNo, ...payload } as Record<string, unknown>)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(stored()).toEqual(before)
    expect(cloud().db.find('audit')).toHaveLength(audits)
  })

  it('answers NOT_FOUND for an unknown card number', async () => {
    expect(await as('profile-owner').call('member', 'setBirthday', { cardNo: '2000000006', birthday: '1990-01-01', reason: '核对' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('member.bindPhone', () => {
  it('stores the number WeChat exchanges the code for, and the card says it is bound', async () => {
    expect(dataOf(await as('profile-member').call('member', 'me', {}))?.phoneBound).toBe(false)
    const card = dataOf(await as('profile-member').call('member', 'bindPhone', { code: 'phone:13912345678' }))
    expect(card.phoneBound).toBe(true)
    expect(JSON.stringify(card)).not.toContain('13912345678')
    expect(stored().profile.phone).toBe('13912345678')
  })

  it('refuses a code WeChat does not know, writing nothing', async () => {
    const before = stored()
    expect(await as('profile-member').call('member', 'bindPhone', { code: 'not-a-real-code' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'code' }] } })
    expect(await as('profile-member').call('member', 'bindPhone', { code: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await as('profile-member').call('member', 'bindPhone', { phone: '13800000000' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(stored()).toEqual(before)
  })

  it('answers NOT_MEMBER to someone who has not joined', async () => {
    expect(await as('profile-stranger').call('member', 'bindPhone', { code: 'phone:13912345678' })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
  })
})
