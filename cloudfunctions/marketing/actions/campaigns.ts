import { campaignRefPayload, campaignsPayload, createCampaignPayload, updateCampaignPayload, type Campaign, type CampaignPage, type CampaignPreview } from '../../shared/contract/marketing'
import { campaignOrThrow, changeStatus, draftOf, newCampaignId, previewOf, toCampaign, toSummary } from '../../shared/app/campaigns'
import { cursorOf } from '../../shared/app/commands'
import { campaignsRepo } from '../../shared/data/campaigns'
import { encodeCursor } from '../../shared/data/paging'
import { defineAction } from '../../shared/runtime'
import { reinvokePort } from '../../shared/runtime/reinvoke'

const PAGE = 20

export const campaigns = defineAction({
  schema: campaignsPayload,
  audit: false,
  async handler({ status, cursor }, { db }): Promise<CampaignPage> {
    const rows = await campaignsRepo(db).page(status, cursorOf(cursor), PAGE + 1)
    const page = rows.slice(0, PAGE)
    const last = page[page.length - 1]
    return { items: page.map(toSummary), nextCursor: rows.length > PAGE && last ? encodeCursor(last.createdAt, last._id) : null }
  },
})

export const campaign = defineAction({
  schema: campaignRefPayload,
  audit: false,
  async handler({ id }, { db }): Promise<Campaign> {
    return toCampaign(db, await campaignOrThrow(db, id))
  },
})

export const createCampaign = defineAction({
  schema: createCampaignPayload,
  async handler(input, { db, openid, now }): Promise<Campaign> {
    const doc = await draftOf(db, input, { _id: newCampaignId(now), createdAt: now, createdBy: openid }, now)
    await campaignsRepo(db).insert(doc)
    return toCampaign(db, doc)
  },
})

export const updateCampaign = defineAction({
  schema: updateCampaignPayload,
  async handler({ id, ...input }, { db, now }): Promise<Campaign> {
    const current = await campaignOrThrow(db, id)
    const draft = await draftOf(db, input, current, now)
    const next = await changeStatus(db, id, (campaign) => (campaign.status === 'draft' ? { ...draft, rev: campaign.rev } : '营销活动已开始，不能再修改'), now)
    return toCampaign(db, next)
  },
})

export const previewCampaign = defineAction({
  schema: campaignRefPayload,
  audit: false,
  async handler({ id }, { db, now }): Promise<CampaignPreview> {
    return previewOf(db, await campaignOrThrow(db, id), now)
  },
})

/** Scheduled for its time, or sending from the next timer run (asked for at once, so it starts without waiting). */
export const startCampaign = defineAction({
  schema: campaignRefPayload,
  async handler({ id }, { db, now }): Promise<Campaign> {
    const next = await changeStatus(
      db,
      id,
      (campaign) => {
        if (campaign.status !== 'draft') return '营销活动已开始'
        const later = campaign.sendAt && new Date(campaign.sendAt) > now
        if (campaign.sendAt && !later && now.getTime() - new Date(campaign.sendAt).getTime() > 60 * 60_000) return '计划发送时间已过，请修改发送时间'
        return { ...campaign, status: later ? 'scheduled' : 'sending', startedAt: later ? null : now }
      },
      now,
    )
    if (next.status === 'sending') await reinvokePort().reinvoke('tick', { round: 0 }, 'marketing')
    return toCampaign(db, next)
  },
})

export const pauseCampaign = defineAction({
  schema: campaignRefPayload,
  async handler({ id }, { db, now }): Promise<Campaign> {
    const next = await changeStatus(db, id, (campaign) => (campaign.status === 'sending' || campaign.status === 'scheduled' ? { ...campaign, status: 'paused' } : '只有发送中的营销活动可以暂停'), now)
    return toCampaign(db, next)
  },
})

export const resumeCampaign = defineAction({
  schema: campaignRefPayload,
  async handler({ id }, { db, now }): Promise<Campaign> {
    const next = await changeStatus(
      db,
      id,
      (campaign) => (campaign.status === 'paused' ? { ...campaign, status: 'sending', startedAt: campaign.startedAt ?? now } : '只有已暂停的营销活动可以继续'),
      now,
    )
    await reinvokePort().reinvoke('tick', { round: 0 }, 'marketing')
    return toCampaign(db, next)
  },
})

export const cancelCampaign = defineAction({
  schema: campaignRefPayload,
  async handler({ id }, { db, now }): Promise<Campaign> {
    const next = await changeStatus(
      db,
      id,
      (campaign) => (campaign.status === 'done' || campaign.status === 'cancelled' ? '营销活动已结束' : { ...campaign, status: 'cancelled', finishedAt: now, leaseUntil: null }),
      now,
    )
    return toCampaign(db, next)
  },
})
