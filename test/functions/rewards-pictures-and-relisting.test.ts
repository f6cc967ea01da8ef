import { dataOf, fileIdOfUrl, useLocalCloud } from '../support/localCloud'
import { seedStaff } from '../support/members'
import type { Reward } from '../../cloudfunctions/shared/contract/rewards'
import { REWARD_IMAGE } from '../../cloudfunctions/shared/contract/staffFields'

const { cloud, as } = useLocalCloud()

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)])
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.alloc(64, 3)])
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 4)])

let uploads = 0
/** What `Taro.cloud.uploadFile` leaves in storage: the client names the file, so the name proves nothing. */
const uploaded = (content: Buffer, name = 'picture.png'): string => cloud().storage.put(`rewards/${++uploads}-${name}`, content)

const latte = { name: '拿铁一杯', pointsCost: 300, stock: 10 }
const create = async (fields: Record<string, unknown>): Promise<Reward> => dataOf(await as('owner-1').call('rewards', 'create', { ...latte, ...fields }))
const catalogue = async (): Promise<Reward[]> => dataOf(await as('member-x').call('rewards', 'list', {}))

beforeAll(() => seedStaff(cloud(), { 'owner-1': 'owner', 'admin-1': 'admin', 'cashier-1': 'cashier' }))

describe('a reward’s picture', () => {
  it.each([
    ['a PNG', PNG],
    ['a JPG', JPG],
    ['a WebP', WEBP],
  ])('is kept when it is %s, and members see it in the catalogue', async (_label, content) => {
    const fileID = uploaded(content)
    const reward = await create({ imageFileId: fileID })
    expect(reward).toMatchObject({ imageFileId: fileID })
    expect(fileIdOfUrl(cloud(), reward.imageUrl)).toBe(fileID)
    const listed = (await catalogue()).find((item) => item.id === reward.id)
    expect(listed).toMatchObject({ imageFileId: fileID })
    expect(fileIdOfUrl(cloud(), listed?.imageUrl)).toBe(fileID)
  })

  it.each([
    ['a GIF named .png', (): string => uploaded(GIF), REWARD_IMAGE.badType],
    ['a text file', (): string => uploaded(Buffer.from('not a picture'), 'notes.jpg'), REWARD_IMAGE.badType],
    ['a PNG over 2 MB', (): string => uploaded(Buffer.concat([PNG, Buffer.alloc(REWARD_IMAGE.maxBytes)])), REWARD_IMAGE.tooLarge],
    ['a file that was never uploaded', (): string => 'cloud://local.local-bucket/rewards/none.png', REWARD_IMAGE.missing],
  ])('is refused when it is %s, and no reward is made', async (_label, fileOf, message) => {
    const before = cloud().db.find('rewards').length
    const envelope = await as('owner-1').call('rewards', 'create', { ...latte, imageFileId: fileOf() })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message, fields: [{ path: 'imageFileId', message }] } })
    expect(cloud().db.find('rewards')).toHaveLength(before)
  })

  it('is optional, can be given later, kept by an edit that leaves it out, and removed with null', async () => {
    const reward = await create({})
    expect(reward).toMatchObject({ imageFileId: null, imageUrl: null })
    const fileID = uploaded(PNG)
    expect(dataOf(await as('admin-1').call('rewards', 'update', { rewardId: reward.id, imageFileId: fileID })).imageFileId).toBe(fileID)
    expect(dataOf(await as('admin-1').call('rewards', 'update', { rewardId: reward.id, stock: 3 }))).toMatchObject({ stock: 3, imageFileId: fileID })
    const refused = await as('admin-1').call('rewards', 'update', { rewardId: reward.id, imageFileId: uploaded(GIF) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'imageFileId', message: REWARD_IMAGE.badType }] } })
    expect(cloud().db.find('rewards', { _id: reward.id })[0].imageFileId).toBe(fileID)
    expect(dataOf(await as('admin-1').call('rewards', 'update', { rewardId: reward.id, imageFileId: null }))).toMatchObject({ imageFileId: null, imageUrl: null })
  })
})

describe('relisting a retired reward', () => {
  it('puts it back in the catalogue as it was, audited; a second relist changes nothing', async () => {
    const reward = await create({ name: '帆布袋', imageFileId: uploaded(PNG) })
    dataOf(await as('owner-1').call('rewards', 'retire', { rewardId: reward.id }))
    expect((await catalogue()).map((item) => item.id)).not.toContain(reward.id)

    const relisted = dataOf(await as('admin-1').call('rewards', 'relist', { rewardId: reward.id }))
    expect(relisted).toMatchObject({ id: reward.id, status: 'active', name: '帆布袋', pointsCost: 300, stock: 10, imageFileId: reward.imageFileId })
    expect((await catalogue()).find((item) => item.id === reward.id)).toMatchObject({ status: 'active' })
    expect(dataOf(await as('owner-1').call('rewards', 'relist', { rewardId: reward.id }))).toMatchObject({ status: 'active', updatedAt: relisted.updatedAt })

    const audited = cloud()
      .db.find('audit', { fn: 'rewards', action: 'relist' })
      .map((entry) => `${entry.actor} (${entry.role}) ${(entry.payload as { rewardId: string }).rewardId}`)
    expect(audited).toEqual([`admin-1 (admin) ${reward.id}`, `owner-1 (owner) ${reward.id}`])
  })

  it.each([
    ['a cashier', 'cashier-1'],
    ['a member', 'member-x'],
  ])('is forbidden to %s', async (_label, caller) => {
    const reward = await create({})
    dataOf(await as('owner-1').call('rewards', 'retire', { rewardId: reward.id }))
    expect(await as(caller).call('rewards', 'relist', { rewardId: reward.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('rewards', { _id: reward.id })[0].status).toBe('retired')
  })

  it('of a reward that does not exist is NOT_FOUND', async () => {
    expect(await as('owner-1').call('rewards', 'relist', { rewardId: 'rw-nothing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
