import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { activityFixture, memberFixture, signupFixture } from '../../local/fixtures'
import { activityDraft } from '../../test/support/activities'
import type { ActivityDraft, HourlyReport, StaffActivity } from '../../cloudfunctions/shared/contract/activity'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { signupId, type ActivityDoc, type SignupDoc } from '../../cloudfunctions/shared/domain/activity'
import { roundTrips } from '../roundTrips'
import { round } from '../jobChunks'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'
import { OUTBOX_KEEP } from '../../emulator/openapi/outbox'

const CONCURRENT_SIGNUPS = Number(process.env.BENCH_ACTIVITY_SIGNUPS ?? 500)
const CONCURRENT_SEATS = 50
const LISTED_ACTIVITIES = Number(process.env.BENCH_ACTIVITY_LIST ?? 2000)
const REMINDED = Number(process.env.BENCH_ACTIVITY_REMINDERS ?? 10_000)
const TIMEOUT_S = 60

const NOW = new Date('2026-12-10T10:00:00+08:00')
const HOUR = 3600_000
const OWNER = 'bench-act-owner'

const data = <T>(envelope: unknown, what: string): T => {
  const answer = envelope as Envelope<T>
  if (!answer.ok) throw new Error(`${what}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

const draft = (start: Date, overrides: Partial<ActivityDraft> = {}) => activityDraft(start, { title: '基准活动', type: 'class', description: '', place: '门店', ...overrides })

async function published(cloud: LocalCloud, fields: ActivityDraft): Promise<StaffActivity> {
  const created = data<StaffActivity>(await cloud.call('activity', { action: 'create', payload: fields }, { openid: OWNER }), 'create')
  return data<StaffActivity>(await cloud.call('activity', { action: 'publish', payload: { activityId: created.id } }, { openid: OWNER }), 'publish')
}

const member = (openid: string, points = 0) =>
  memberFixture(openid, NOW, {
    pointsBalance: points,
    lifetimePoints: points,
    pointLots: points ? [{ expiresAt: new Date('2027-12-31T15:59:59Z'), remaining: points }] : [],
    nextExpiryAt: points ? new Date('2027-12-31T15:59:59Z') : null,
  })

/** Round trips of one member action on a warm instance; how many of them were transactions. */
async function measured(cloud: LocalCloud, action: string, payload: object, openid: string) {
  const trips = await roundTrips(cloud, 'activity', { action, payload }, { openid })
  return { ...trips, transactions: trips.byAction['database.startTransaction'] ?? 0 }
}

/** Round trips per signup and per cancel with promotion, each one transaction. */
async function roundTripRows(cloud: LocalCloud) {
  cloud.db.insertMany('staff', [{ _id: OWNER, name: '店长', role: 'owner', updatedAt: NOW, updatedBy: null }])
  cloud.db.insertMany(
    'members',
    ['rt-a', 'rt-b', 'rt-c', 'rt-warm'].map((openid) => member(openid, 1000)),
  )
  const free = await published(cloud, draft(new Date(NOW.getTime() + 72 * HOUR), { capacity: 1 }))
  const costly = await published(cloud, draft(new Date(NOW.getTime() + 72 * HOUR), { capacity: 5, pointsCost: 100 }))
  // Warm the instance: rules cached, as for every other round-trip figure.
  await cloud.call('activity', { action: 'detail', payload: { activityId: free.id } }, { openid: 'rt-warm' })
  const seat = await measured(cloud, 'signup', { activityId: free.id }, 'rt-a')
  const queued = await measured(cloud, 'signup', { activityId: free.id }, 'rt-b')
  const again = await measured(cloud, 'signup', { activityId: free.id }, 'rt-a')
  const paid = await measured(cloud, 'signup', { activityId: costly.id }, 'rt-c')
  const cancel = await measured(cloud, 'cancelSignup', { activityId: free.id }, 'rt-a')
  const promoted = cloud.db.find('signups', { _id: signupId(free.id, 'rt-b') })[0] as SignupDoc
  const oneTransaction = (trips: { transactions: number; ok: boolean }) => trips.ok && trips.transactions === 1
  const rows: Row[] = [
    { figure: 'activities: DB round trips per signup (a seat; one transaction)', value: String(seat.roundTrips), goal: '≤ 6', met: seat.roundTrips <= 6 && oneTransaction(seat) },
    { figure: 'activities: DB round trips per signup (the waitlist; one transaction)', value: String(queued.roundTrips), goal: '≤ 6', met: queued.roundTrips <= 6 && oneTransaction(queued) },
    reported('activities: DB round trips per signup with a points cost (member and ledger in it too)', String(paid.roundTrips)),
    reported('activities: DB round trips per repeated signup (a second tap)', String(again.roundTrips)),
    {
      figure: 'activities: DB round trips per cancel with promotion (one transaction + the answer)',
      value: `${cancel.roundTrips} (${promoted.status === 'confirmed' ? 'promoted' : 'NOT promoted'})`,
      goal: '≤ 6',
      met: cancel.roundTrips <= 6 && oneTransaction(cancel) && promoted.status === 'confirmed',
    },
  ]
  return { rows, results: { seat, queued, again, paid, cancel } }
}

/** 500 members at once for 50 seats, through the emulator's function instances. */
async function concurrentSignups(functionsDir: string) {
  const openids = Array.from({ length: CONCURRENT_SIGNUPS }, (_, index) => `cs-${String(index).padStart(4, '0')}`)
  const cloud = await startLocalCloud({
    functionsDir,
    maxInstances: 8,
    seed: (db) => {
      db.insertMany(
        'members',
        openids.map((openid) => member(openid)),
      )
      db.insertMany('staff', [{ _id: OWNER, name: '店长', role: 'owner', updatedAt: NOW, updatedBy: null }])
    },
  })
  cloud.setNow(NOW)
  try {
    const activity = await published(cloud, draft(new Date(NOW.getTime() + 72 * HOUR), { capacity: CONCURRENT_SEATS }))
    const started = process.hrtime.bigint()
    const answers = (await Promise.all(openids.map((openid) => cloud.call('activity', { action: 'signup', payload: { activityId: activity.id } }, { openid })))) as Array<Envelope<unknown>>
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const stored = cloud.db.find('activities', { _id: activity.id })[0] as ActivityDoc
    const signups = cloud.db.find('signups', { activityId: activity.id }) as SignupDoc[]
    const confirmed = signups.filter((signup) => signup.status === 'confirmed').length
    const waitlisted = signups.filter((signup) => signup.status === 'waitlisted').map((signup) => signup.openid)
    const distinct = new Set(signups.map((signup) => signup.openid)).size
    const queueDistinct = new Set(stored.queue).size
    const gapless = stored.queue.length === waitlisted.length && queueDistinct === stored.queue.length && waitlisted.every((openid) => stored.queue.includes(openid))
    const failed = answers.filter((answer) => !answer.ok).length
    const rows: Row[] = [
      reported(`activities: ${CONCURRENT_SIGNUPS} concurrent signups for ${CONCURRENT_SEATS} seats, signups per second`, String(round(CONCURRENT_SIGNUPS / seconds, 1))),
      {
        figure: 'activities:   oversold (confirmed beyond the seats)',
        value: String(Math.max(0, confirmed - CONCURRENT_SEATS)),
        goal: '0',
        met: confirmed === CONCURRENT_SEATS && stored.confirmed === CONCURRENT_SEATS,
      },
      { figure: 'activities:   duplicated (a member signed up twice)', value: String(signups.length - distinct), goal: '0', met: signups.length === distinct && distinct === CONCURRENT_SIGNUPS },
      {
        figure: 'activities:   waitlist positions gapless (1…N, each member once)',
        value: gapless ? `1…${stored.queue.length}` : 'gaps',
        goal: `1…${CONCURRENT_SIGNUPS - CONCURRENT_SEATS}`,
        met: gapless && stored.queue.length === CONCURRENT_SIGNUPS - CONCURRENT_SEATS,
      },
      { figure: 'activities:   signups refused or failed', value: String(failed), goal: '0', met: failed === 0 },
    ]
    return { rows, results: { signups: CONCURRENT_SIGNUPS, seats: CONCURRENT_SEATS, seconds, confirmed, waitlisted: waitlisted.length, failed } }
  } finally {
    await cloud.close()
  }
}

/** The member's 即将开始 page among 2,000 activities: documents examined per activity returned. */
async function listPage(functionsDir: string) {
  const activities = Array.from({ length: LISTED_ACTIVITIES }, (_, index) =>
    // A quarter ended and closed, a quarter drafts or cancelled, half coming up.
    activityFixture(`act-list-${String(index).padStart(5, '0')}`, new Date(NOW.getTime() + (index % 4 === 0 ? -(index + 1) : index + 1) * HOUR), {
      title: `活动 ${index}`,
      status: index % 4 === 0 ? 'closed' : index % 4 === 1 ? (index % 8 === 1 ? 'draft' : 'cancelled') : 'published',
    }),
  )
  const cloud = await startLocalCloud({ functionsDir, maxInstances: 1, seed: (db) => db.insertMany('activities', activities) })
  cloud.setNow(NOW)
  try {
    await cloud.call('activity', { action: 'list', payload: { tab: 'upcoming' } }, { openid: 'bench-lister' })
    const pages: Array<{ examined: number; returned: number }> = []
    let cursor: string | undefined
    for (let page = 0; page < 3; page++) {
      cloud.db.resetStats()
      const answer = data<{ items: unknown[]; nextCursor: string | null }>(
        await cloud.call('activity', { action: 'list', payload: { tab: 'upcoming', ...(cursor ? { cursor } : {}) } }, { openid: 'bench-lister' }),
        'list',
      )
      pages.push({ examined: cloud.db.stats().examined, returned: answer.items.length })
      cursor = answer.nextCursor ?? undefined
      if (!cursor) break
    }
    cloud.db.resetStats()
    const ended = data<{ items: unknown[] }>(await cloud.call('activity', { action: 'list', payload: { tab: 'ended' } }, { openid: 'bench-lister' }), 'list')
    const endedStats = { examined: cloud.db.stats().examined, returned: ended.items.length }
    const examined = pages.reduce((sum, page) => sum + page.examined, 0)
    const returned = pages.reduce((sum, page) => sum + page.returned, 0)
    const ratio = examined / Math.max(1, returned)
    const endedRatio = endedStats.examined / Math.max(1, endedStats.returned)
    const rows: Row[] = [
      {
        figure: `activities: list 即将开始, docs examined per activity returned (${LISTED_ACTIVITIES.toLocaleString('en')} activities, ${pages.length} pages)`,
        value: String(round(ratio)),
        goal: '≤ 1.5',
        met: ratio <= 1.5 && returned > 0,
      },
      { figure: 'activities: list 已结束, docs examined per activity returned', value: String(round(endedRatio)), goal: '≤ 1.5', met: endedRatio <= 1.5 && endedStats.returned > 0 },
    ]
    return { rows, results: { activities: LISTED_ACTIVITIES, pages, ended: endedStats } }
  } finally {
    await cloud.close()
  }
}

/** The hourly run reminding 10,000 confirmed members a day ahead: examined per reminder, chunk times. */
async function reminders(functionsDir: string) {
  const start = new Date(NOW.getTime() + 20 * HOUR)
  const activity = activityFixture('act-remind', start, {
    title: '万人签到活动',
    type: 'party',
    place: '体育馆',
    endAt: new Date(start.getTime() + 3 * HOUR),
    capacity: REMINDED,
    waitlist: false,
    confirmed: REMINDED,
  })
  const openids = Array.from({ length: REMINDED }, (_, index) => `rm-${String(index).padStart(5, '0')}`)
  const signups = openids.map((openid) => signupFixture(activity._id, openid, NOW))
  // timeoutScale 1: a chunk over the function's 60 s is killed, as in WeChat cloud.
  const cloud = await startLocalCloud({
    functionsDir,
    maxInstances: 1,
    timeoutScale: 1,
    seed: (db) => {
      db.insertMany('activities', [activity])
      db.insertMany('signups', signups)
      // Each member accepted the reminder once: counted on them (what deliver checks) and granted in WeChat (the outbox).
      db.insertMany(
        'members',
        openids.map((openid, index) => ({ _id: openid, cardNo: `R${String(index).padStart(11, '0')}`, messaging: { consent: { [SUBSCRIBE_TEMPLATES.activityReminder]: 1 } } })),
      )
    },
  })
  cloud.setNow(NOW)
  for (const openid of openids) cloud.outbox.grant(openid, [SUBSCRIBE_TEMPLATES.activityReminder])
  try {
    cloud.db.resetStats()
    const chunks: Array<{ seconds: number; sent: number; examined: number }> = []
    for (let round = 0; round < 20; round++) {
      const examinedBefore = cloud.db.stats().examined
      const started = process.hrtime.bigint()
      const report = data<HourlyReport>(await cloud.call('activity', { action: 'hourly', payload: { round } }, {}), 'hourly')
      chunks.push({ seconds: Number(process.hrtime.bigint() - started) / 1e9, sent: report.reminders.h24 + report.reminders.h2, examined: cloud.db.stats().examined - examinedBefore })
      if (!report.left) break
    }
    const stats = cloud.db.stats()
    const sent = chunks.reduce((sum, chunk) => sum + chunk.sent, 0)
    const messages = cloud.outbox.sent.filter((message) => message.templateId === SUBSCRIBE_TEMPLATES.activityReminder).length
    // Each reminder's own documents, each by `_id`, by design: its claim on the signup, then its delivery
    // (deliver.ts): the member's consent read, the outcome recorded, the consent spent. The claim of the
    // delivery is an insert and examines nothing.
    const claims = sent * 4
    const findExamined = stats.examined - claims
    const maxChunk = Math.max(...chunks.map((chunk) => chunk.seconds))
    cloud.db.resetStats()
    const rerun = data<HourlyReport>(await cloud.call('activity', { action: 'hourly', payload: {} }, {}), 'hourly')
    const rows: Row[] = [
      {
        figure: `activities: reminders sent (${REMINDED.toLocaleString('en')} confirmed, 20 h before the start)`,
        value: `${sent} (the outbox keeps the last ${messages})`,
        goal: `= ${REMINDED}`,
        met: sent === REMINDED && messages === Math.min(REMINDED, OUTBOX_KEEP),
      },
      { figure: 'activities:   docs examined per reminder sent, finding them', value: String(round(findExamined / Math.max(1, sent))), goal: '≤ 1.2', met: findExamined / Math.max(1, sent) <= 1.2 },
      reported('activities:   docs examined per reminder sent, total (finding, the claim and its delivery)', String(round(stats.examined / Math.max(1, sent)))),
      reported('activities:   hourly chunks', String(chunks.length)),
      { figure: 'activities:   max chunk seconds', value: String(round(maxChunk, 2)), goal: `< ${TIMEOUT_S}`, met: maxChunk < TIMEOUT_S },
      { figure: 'activities:   a second run sends', value: String(rerun.reminders.h24 + rerun.reminders.h2), goal: '0', met: rerun.reminders.h24 + rerun.reminders.h2 === 0 },
    ]
    const overHardLimit = maxChunk >= TIMEOUT_S ? `an activity hourly chunk took ${round(maxChunk, 1)} s, over the ${TIMEOUT_S} s timeout` : undefined
    return { rows, overHardLimit, results: { reminded: REMINDED, sent, messages, examined: stats.examined, findExamined, chunks, roundTrips: stats.roundTrips } }
  } finally {
    await cloud.close()
  }
}

export const activities: BenchSection = {
  name: 'activities',
  async run({ functionsDir }) {
    const cloud = await startLocalCloud({ functionsDir, maxInstances: 1 })
    cloud.setNow(NOW)
    let trips
    try {
      trips = await roundTripRows(cloud)
    } finally {
      await cloud.close()
    }
    const concurrent = await concurrentSignups(functionsDir)
    const list = await listPage(functionsDir)
    const remind = await reminders(functionsDir)
    return {
      rows: [...trips.rows, ...concurrent.rows, ...list.rows, ...remind.rows],
      overHardLimit: remind.overHardLimit,
      results: { roundTrips: trips.results, concurrent: concurrent.results, list: list.results, reminders: remind.results },
    }
  },
}
