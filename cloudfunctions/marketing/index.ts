import { serve } from '../shared/runtime'
import { consent, opened, setOptOut, subscriptions } from './actions/consent'
import { countSegment, deleteSegment, rfmOverview, saveSegment, segmentFor, segments, setRfmThresholds, tagSegment } from './actions/segments'
import { campaign, campaigns, cancelCampaign, createCampaign, pauseCampaign, previewCampaign, resumeCampaign, startCampaign, updateCampaign } from './actions/campaigns'
import { tick } from './actions/tick'

/** Subscription messages, member segments and campaigns: consent as members give it, RFM classes, campaigns with a holdout, and the timer that delivers them. */
export const main = serve('marketing', {
  consent,
  subscriptions,
  setOptOut,
  opened,
  rfmOverview,
  setRfmThresholds,
  countSegment,
  segments,
  saveSegment,
  deleteSegment,
  tagSegment,
  segmentFor,
  campaigns,
  campaign,
  createCampaign,
  updateCampaign,
  previewCampaign,
  startCampaign,
  pauseCampaign,
  resumeCampaign,
  cancelCampaign,
  tick,
})
