import { serve } from '../shared/runtime'
import { churn, consumption, members, overview, service } from './actions/insight'
import { backfill, daily } from './actions/jobs'

/** 数据: the daily statistics (one document per Beijing day and store) and the pages that read them. */
export const main = serve('stats', { overview, members, consumption, churn, service, daily, backfill })
