import { startLocalCloud } from '../../local/cloud'
import { activityFixture, memberFixture, signupFixture, sweptUntil, ticketFixture, type TicketStep } from '../../local/fixtures'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { QueueCounts, QueuePage, SweepReport } from '../../cloudfunctions/shared/contract/ticket'
import { TICKET_CATEGORIES, type TicketCategory } from '../../cloudfunctions/shared/contract/ticketFields'
import { ledgerKeys, ledgerRow } from '../../cloudfunctions/shared/domain/ledger'
import type { Actor, TicketDoc } from '../../cloudfunctions/shared/domain/ticket'
import { round } from '../jobChunks'
import { roundTrips } from '../roundTrips'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

const QUEUE_TICKETS = Number(process.env.BENCH_TICKET_QUEUE ?? 20_000)
const SWEEP_OPEN = Number(process.env.BENCH_TICKET_OPEN ?? 20_000)
const SWEEP_OVERDUE = Number(process.env.BENCH_TICKET_OVERDUE ?? 1_000)
const TIMEOUT_S = 60
const TRIPS_GOAL = 5
const RATIO_GOAL = 1.5

const NOW = new Date('2026-12-10T10:00:00+08:00')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const OWNER = 'bench-tk-owner'
const SERVICE_STAFF = ['bench-tk-svc-0', 'bench-tk-svc-1', 'bench-tk-svc-2', 'bench-tk-svc-3']
const ME = SERVICE_STAFF[0]
const staffDoc = (openid: string, name: string, role: 'owner' | 'admin' | 'service') => ({ _id: openid, name, role, updatedAt: NOW, updatedBy: null })
const STAFF = [staffDoc(OWNER, '店长', 'owner'), staffDoc('bench-tk-admin', '管理员', 'admin'), ...SERVICE_STAFF.map((openid, index) => staffDoc(openid, `客服${index + 1}`, 'service'))]
type StaffActor = Extract<Actor, { kind: 'staff' }>
const serviceActor = (openid: string): StaffActor => ({ kind: 'staff', openid, role: 'service', name: STAFF.find((staff) => staff._id === openid)!.name })
const OWNER_ACTOR: StaffActor = { kind: 'staff', openid: OWNER, role: 'owner', name: '店长' }
const memberActor = (openid: string): Actor => ({ kind: 'member', openid })

const data = <T>(envelope: unknown, what: string): T => {
  const answer = envelope as Envelope<T>
  if (!answer.ok) throw new Error(`${what}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

/** Why a figure over the goal is over it, short enough for the table (the whole account is WHY, in results.json). */
const OVER: Record<string, string> = {
  fileActivity: '+ its signup and the activity: 2 reads',
  resolvePoints: 'transaction: start/commit + 2 reads + 3 writes; + audit',
}

/** Why a figure is what it is: the round trips each action makes, in order, as the code reads and writes. */
const WHY: Record<string, string> = {
  filePlain: 'member read; the day counter read, then its conditional update (the number); the ticket insert',
  fileOrder: 'as a plain filing, plus the order (its ledger row, checked as the member’s own)',
  fileActivity: 'as a plain filing, plus two reads for the activity: its signup (the member’s own) and the activity (title, not a draft)',
  staffEvent: 'the ticket read, the conditional write on rev, the audit append (staff actions are audited; role and name cached)',
  memberEvent: 'the ticket read and the conditional write on rev (members are not audited)',
  resolvePoints:
    'one transaction: start, ticket read, member read, ledger insert, member update, ticket write, commit (a cloud transaction allows single-document operations only, so each is a round trip), then the audit append',
  assignOther: 'the ticket read, the colleague’s staff record (may they work tickets?), the conditional write, the audit append',
}

/** Round trips per filing and per transition, each on a warm instance (role, staff name, rules and SLA cached, as they are for seconds). */
async function roundTripRows(functionsDir: string) {
  const member = 'bench-tk-member'
  const orderKey = ledgerKeys.order('store-001', 'TK-0001')
  const expiresAt = new Date('2027-12-31T15:59:59.999Z')
  const cloud = await startLocalCloud({
    functionsDir,
    maxInstances: 1,
    seed: (db) => {
      db.insertMany('staff', STAFF)
      db.insertMany('members', [
        memberFixture(member, NOW, {
          pointsBalance: 88,
          lifetimePoints: 88,
          pointLots: [{ expiresAt, remaining: 88 }],
          nextExpiryAt: expiresAt,
          profile: { ...memberFixture(member, NOW).profile, name: '基准会员' },
        }),
      ])
      db.insertMany('ledger', [
        ledgerRow({
          key: orderKey,
          openid: member,
          kind: 'earn',
          delta: 88,
          balanceAfter: 88,
          reason: '消费 ¥88.00 · 单号 TK-0001',
          by: 'bench-cashier',
          rulesVersion: 1,
          at: new Date(NOW.getTime() - DAY),
          expiresAt,
          order: { storeId: 'store-001', orderNo: 'TK-0001', amountFen: 8800, cashier: 'bench-cashier' },
        }),
      ])
      db.insertMany('activities', [activityFixture('act-tk', new Date(NOW.getTime() - 3 * DAY), { status: 'closed' })])
      db.insertMany('signups', [signupFixture('act-tk', member, new Date(NOW.getTime() - 10 * DAY))])
    },
  })
  cloud.setNow(NOW)
  try {
    const call = (openid: string, action: string, payload: object) => cloud.call('ticket', { action, payload }, { openid })
    const measured = async (openid: string, action: string, payload: object) => {
      const trips = await roundTrips(cloud, 'ticket', { action, payload }, { openid })
      if (!trips.ok) throw new Error(`ticket.${action} failed in the round-trip bench: ${JSON.stringify(await call(openid, action, payload))}`)
      return { roundTrips: trips.roundTrips, byAction: trips.byAction, transactions: trips.byAction['database.startTransaction'] ?? 0 }
    }
    const filing = (ref: object | null) => ({ category: 'service', text: '基准工单：排队时间太长', ...(ref ? { ref } : {}) })
    const filed = async (payload: object) => data<{ id: string }>(await call(member, 'file', payload), 'file').id
    // Warm the instance: the SLA settings, the staff role and name, the rules (read by staffDetail).
    const warm = await filed(filing(null))
    data(await call(ME, 'staffDetail', { ticketId: warm }), 'staffDetail')
    data(await call(OWNER, 'staffDetail', { ticketId: warm }), 'staffDetail')

    const filePlain = await measured(member, 'file', filing(null))
    const fileOrder = await measured(member, 'file', filing({ kind: 'order', id: orderKey }))
    const fileActivity = await measured(member, 'file', filing({ kind: 'activity', id: 'act-tk' }))
    const [plain, withOrder] = (cloud.db.find('tickets', { openid: member }) as TicketDoc[])
      .map((ticket) => ticket._id)
      .sort()
      .slice(1)

    const assign = await measured(ME, 'assign', { ticketId: plain })
    const staffReply = await measured(ME, 'staffReply', { ticketId: plain, text: '您好，我们正在核实。' })
    const note = await measured(ME, 'note', { ticketId: plain, text: '当班只有一人。' })
    const resolve = await measured(ME, 'resolve', { ticketId: plain, summary: '已调整排班' })
    const confirm = await measured(member, 'confirm', { ticketId: plain })
    const rate = await measured(member, 'rate', { ticketId: plain, score: 4, comment: '' })
    const reopen = await measured(member, 'reopen', { ticketId: plain, reason: '周末还是排队' })
    const assignOther = await measured(OWNER, 'assign', { ticketId: withOrder, to: ME })
    const resolvePoints = await measured(ME, 'resolve', { ticketId: withOrder, summary: '补偿积分', compensation: { kind: 'points', points: 50 } })
    const [compensated] = cloud.db.find('members', { _id: member }) as Array<{ pointsBalance: number }>

    const figures: Array<{ key: string; label: string; why: string; trips: Awaited<ReturnType<typeof measured>>; goal: boolean }> = [
      { key: 'filePlain', label: 'file (no reference)', why: WHY.filePlain, trips: filePlain, goal: true },
      { key: 'fileOrder', label: 'file with an order reference', why: WHY.fileOrder, trips: fileOrder, goal: true },
      { key: 'fileActivity', label: 'file with an activity reference', why: WHY.fileActivity, trips: fileActivity, goal: true },
      { key: 'assign', label: 'assign (受理, to self)', why: WHY.staffEvent, trips: assign, goal: true },
      { key: 'staffReply', label: 'staff reply', why: WHY.staffEvent, trips: staffReply, goal: true },
      { key: 'note', label: 'internal note', why: WHY.staffEvent, trips: note, goal: true },
      { key: 'resolve', label: 'resolve, no compensation', why: WHY.staffEvent, trips: resolve, goal: true },
      { key: 'resolvePoints', label: 'resolve with 50 points compensation', why: WHY.resolvePoints, trips: resolvePoints, goal: true },
      { key: 'confirm', label: 'member confirm', why: WHY.memberEvent, trips: confirm, goal: true },
      { key: 'rate', label: 'member rate', why: WHY.memberEvent, trips: rate, goal: true },
      { key: 'reopen', label: 'member reopen', why: WHY.memberEvent, trips: reopen, goal: true },
      { key: 'assignOther', label: 'assign to a colleague (owner)', why: WHY.assignOther, trips: assignOther, goal: false },
    ]
    const rows: Row[] = figures.map(({ key, label, trips, goal }) => {
      const transaction = trips.transactions ? `, ${trips.transactions} transaction` : ''
      const over = trips.roundTrips > TRIPS_GOAL && OVER[key] ? ` (over: ${OVER[key]})` : ''
      const figure = `tickets: DB round trips per ${label}${transaction}${over}`
      return goal ? { figure, value: String(trips.roundTrips), goal: `≤ ${TRIPS_GOAL}`, met: trips.roundTrips <= TRIPS_GOAL } : reported(figure, String(trips.roundTrips))
    })
    rows.push({ figure: 'tickets:   the compensation reached the balance (88 + 50)', value: String(compensated.pointsBalance), goal: '= 138', met: compensated.pointsBalance === 138 })
    const results = Object.fromEntries(figures.map(({ key, trips, why }) => [key, { ...trips, note: why }]))
    return { rows, results }
  } finally {
    await cloud.close()
  }
}

/** A fixed sequence, so two runs build the same tickets. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}

/** Categories as a shop sees them: service and product most, activity and other least. */
const CATEGORY_WEIGHTS: Record<TicketCategory, number> = { service: 30, product: 25, environment: 10, points: 15, activity: 10, other: 10 }
function categoryOf(random: () => number): TicketCategory {
  let pick = random() * 100
  for (const category of TICKET_CATEGORIES) {
    pick -= CATEGORY_WEIGHTS[category]
    if (pick < 0) return category
  }
  return 'other'
}

/**
 * A year of a busy shop's tickets: most closed (confirmed, rated, a few rated low with a revisit
 * still open in the last month), some withdrawn, a few hundred 待确认, and the open working set:
 * 待受理 filed in the last hours (those past two hours missed the first response) and 处理中
 * spread over the service staff (some past the resolution time). Each built through the state
 * machine, with the timer's verdicts applied up to now.
 */
function queueTickets(count: number): TicketDoc[] {
  const random = seeded(20_000)
  const open = { fresh: Math.round(count * 0.0125), working: Math.round(count * 0.0175), pending: Math.round(count * 0.02), withdrawn: Math.round(count * 0.015) }
  const tickets: TicketDoc[] = []
  const id = () => `T-bench-${String(tickets.length).padStart(6, '0')}`
  const openid = () => `tk-member-${Math.floor(random() * 5000)}`
  const after = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE)
  const staffOf = () => SERVICE_STAFF[Math.floor(random() * SERVICE_STAFF.length)]
  const add = (filedAt: Date, steps: (member: string, staff: StaffActor) => TicketStep[]) => {
    const member = openid()
    const staff = serviceActor(staffOf())
    tickets.push(sweptUntil(ticketFixture(id(), member, filedAt, { category: categoryOf(random), steps: steps(member, staff) }), NOW))
  }
  const taken = (staff: StaffActor, at: Date, minutes: number): TicketStep[] => [
    { at: after(at, minutes), by: staff, input: { event: 'assign', to: { openid: staff.openid, name: staff.name } } },
    { at: after(at, minutes + 3), by: staff, input: { event: 'reply', text: '您好，已收到，我们正在处理。' } },
  ]
  for (let index = 0; index < open.fresh; index++) add(new Date(NOW.getTime() - random() * 4 * HOUR), () => [])
  for (let index = 0; index < open.working; index++) {
    const filedAt = new Date(NOW.getTime() - random() * 30 * HOUR)
    add(filedAt, (_member, staff) => [
      ...taken(staff, filedAt, 10 + random() * 90),
      ...(random() < 0.3 ? [{ at: after(filedAt, 130), by: staff, input: { event: 'note' as const, text: '已联系门店核实' } }] : []),
    ])
  }
  for (let index = 0; index < open.pending; index++) {
    const filedAt = new Date(NOW.getTime() - (6 + random() * 60) * HOUR)
    add(filedAt, (_member, staff) => [...taken(staff, filedAt, 20), { at: after(filedAt, 300), by: staff, input: { event: 'resolve', summary: '已处理', compensation: null } }])
  }
  for (let index = 0; index < open.withdrawn; index++) {
    const filedAt = new Date(NOW.getTime() - random() * 360 * DAY)
    add(filedAt, (member) => [{ at: after(filedAt, 30), by: memberActor(member), input: { event: 'withdraw' } }])
  }
  while (tickets.length < count) {
    const filedAt = new Date(NOW.getTime() - (4 + random() * 356) * DAY)
    const rated = random() < 0.6
    const score = random() < 0.04 ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 3)
    const recent = NOW.getTime() - filedAt.getTime() < 30 * DAY
    add(filedAt, (member, staff) => [
      ...taken(staff, filedAt, 5 + random() * 100),
      { at: after(filedAt, 240 + random() * 600), by: staff, input: { event: 'resolve', summary: '已处理', compensation: null } },
      rated ? { at: after(filedAt, 1500), by: memberActor(member), input: { event: 'rate', score, comment: '' } } : { at: after(filedAt, 1500), by: memberActor(member), input: { event: 'confirm' } },
      // A low rating's revisit: still open in the last month, ended by the owner before.
      ...(rated && score <= 2 && !recent ? [{ at: after(filedAt, 3000), by: OWNER_ACTOR, input: { event: 'closeRevisit' as const, reason: '已电话回访' } }] : []),
    ])
  }
  return tickets
}

interface PageFigure {
  page: number
  examined: number
  returned: number
  /** Entries of the index range walked to fill the page: what a database's own `keysExamined` would say (the filters are read from the index, so documents stay at the page). */
  indexEntries: number
}

/** The queue's page size, and what data/tickets fetches for one: a row more, and room for the cursor's ties after the first page. */
const PAGE = 20
const TIES_ROOM = 5

/**
 * Entries of the lane's index range (in dueAt, _id order) a database walks for one page: from the
 * cursor's dueAt (ties already shown included) until the fetch is full or the range ends.
 */
function entriesWalked(range: TicketDoc[], matches: (ticket: TicketDoc) => boolean, shownUpTo: TicketDoc | null): number {
  const wanted = PAGE + 1 + (shownUpTo ? TIES_ROOM : 0)
  let walked = 0
  let found = 0
  for (const ticket of range) {
    if (shownUpTo && ticket.dueAt.getTime() < shownUpTo.dueAt.getTime()) continue
    walked++
    if (matches(ticket) && ++found === wanted) break
  }
  return walked
}

/** The staff queue over 20,000 tickets: documents examined per ticket returned, first and a later page, default view and each filter. */
async function queuePages(functionsDir: string) {
  const tickets = queueTickets(QUEUE_TICKETS)
  const cloud = await startLocalCloud({
    functionsDir,
    maxInstances: 1,
    seed: (db) => {
      db.insertMany('staff', STAFF)
      db.insertMany('tickets', tickets)
    },
  })
  cloud.setNow(NOW)
  try {
    const views: Array<{ key: string; label: string; query: Record<string, unknown>; matches: (ticket: TicketDoc) => boolean; lane: TicketDoc['lane'] | 'revisit' }> = [
      { key: 'default', label: 'default view (待处理)', query: {}, matches: () => true, lane: 'active' },
      { key: 'category', label: 'category 商品', query: { category: 'product' }, matches: (ticket) => ticket.category === 'product', lane: 'active' },
      { key: 'mine', label: 'assignee mine', query: { assignee: 'mine' }, matches: (ticket) => ticket.assignee === ME, lane: 'active' },
      { key: 'breached', label: 'breached (超时)', query: { breached: true }, matches: (ticket) => ticket.breached, lane: 'active' },
      { key: 'closed', label: '已关闭 view', query: { view: 'closed' }, matches: (ticket) => ticket.status === 'closed', lane: 'done' },
    ]
    const laneOf = (lane: TicketDoc['lane'] | 'revisit') =>
      tickets.filter((ticket) => (lane === 'revisit' ? ticket.revisitOpen : ticket.lane === lane)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a._id.localeCompare(b._id))
    // Warm the instance (the staff role).
    data(await cloud.call('ticket', { action: 'queue', payload: {} }, { openid: ME }), 'queue')
    const LATER_PAGE = 3
    const measuredViews: Array<{ key: string; label: string; first: PageFigure; later: PageFigure | null; matching: number }> = []
    for (const view of views) {
      const range = laneOf(view.lane)
      const matching = range.filter(view.matches)
      const pages: PageFigure[] = []
      let cursor: string | undefined
      let shownUpTo: TicketDoc | null = null
      for (let page = 1; page <= LATER_PAGE; page++) {
        cloud.db.resetStats()
        const answer = data<QueuePage>(await cloud.call('ticket', { action: 'queue', payload: { ...view.query, ...(cursor ? { cursor } : {}) } }, { openid: ME }), 'queue')
        pages.push({ page, examined: cloud.db.stats().examined, returned: answer.items.length, indexEntries: entriesWalked(range, view.matches, shownUpTo) })
        shownUpTo = range.find((ticket) => ticket._id === answer.items[answer.items.length - 1]?.id) ?? null
        cursor = answer.nextCursor ?? undefined
        if (!cursor) break
      }
      measuredViews.push({ key: view.key, label: view.label, first: pages[0], later: pages.length >= LATER_PAGE ? pages[LATER_PAGE - 1] : null, matching: matching.length })
    }
    const ratio = (page: PageFigure) => page.examined / Math.max(1, page.returned)
    const rows: Row[] = []
    for (const view of measuredViews) {
      for (const [which, page] of [
        ['first page', view.first],
        [`page ${LATER_PAGE}`, view.later],
      ] as const) {
        if (!page) {
          rows.push(reported(`tickets: queue ${view.label}, ${which}`, `no page ${LATER_PAGE} (${view.matching} match)`))
          continue
        }
        rows.push({
          figure: `tickets: queue ${view.label}, ${which}: docs examined per ticket returned (${view.matching} of ${QUEUE_TICKETS.toLocaleString('en')} match)`,
          value: `${round(ratio(page))} (${page.examined}/${page.returned})`,
          goal: `≤ ${RATIO_GOAL}`,
          met: page.returned > 0 && ratio(page) <= RATIO_GOAL,
        })
      }
    }
    const sparsest = measuredViews
      .filter((view) => view.key !== 'default' && view.key !== 'closed')
      .sort((a, b) => b.first.indexEntries / b.first.returned - a.first.indexEntries / a.first.returned)[0]
    rows.push(
      reported(
        `tickets:   index entries walked per ticket returned, ${sparsest.label} first page (filters after dueAt are read from the index)`,
        String(round(sparsest.first.indexEntries / Math.max(1, sparsest.first.returned))),
      ),
    )

    // The tabs' counts: one count per view, each over the index range its filter reaches.
    cloud.db.resetStats()
    const counted = await roundTrips(cloud, 'ticket', { action: 'counts', payload: {} }, { openid: ME })
    const countsExamined = cloud.db.stats().examined
    const counts = data<QueueCounts>(await cloud.call('ticket', { action: 'counts', payload: {} }, { openid: ME }), 'counts')
    const countedTotal = Object.values(counts).reduce((sum, count) => sum + count, 0)
    const laneSize = (lane: TicketDoc['lane']) => tickets.filter((ticket) => ticket.lane === lane).length
    // What each view's count examines on lane_dueAt: its lane's whole range (status is after dueAt, so it does not narrow the range).
    const perView = {
      active: laneSize('active'),
      new: laneSize('active'),
      processing: laneSize('active'),
      pending: laneSize('pending'),
      closed: laneSize('done'),
      withdrawn: laneSize('done'),
      revisit: tickets.filter((ticket) => ticket.revisitOpen).length,
    }
    rows.push(
      reported(
        `tickets: counts (the tabs' 7 counts), docs examined (${QUEUE_TICKETS.toLocaleString('en')} tickets)`,
        `${countsExamined.toLocaleString('en')} for ${countedTotal.toLocaleString('en')} counted`,
      ),
      reported('tickets:   counts, DB round trips (one count per view)', String(counted.roundTrips)),
    )
    return {
      rows,
      results: {
        tickets: QUEUE_TICKETS,
        mix: Object.fromEntries(['new', 'processing', 'pending', 'closed', 'withdrawn'].map((status) => [status, tickets.filter((ticket) => ticket.status === status).length])),
        breachedOpen: tickets.filter((ticket) => ticket.lane === 'active' && ticket.breached).length,
        revisitsOpen: perView.revisit,
        views: measuredViews,
        note: 'examined as the emulator counts it: a page answered whole by lane_dueAt stops at the fetch (21, or 26 after the first page: a row more and room for the cursor’s ties); indexEntries is the walk a database makes to fill the page, the filters after dueAt read from the index',
        counts: {
          roundTrips: counted.roundTrips,
          byAction: counted.byAction,
          examined: countsExamined,
          counts,
          examinedPerViewOnLaneDueAt: perView,
          note: 'each view is one count over lane_dueAt: its lane’s whole range, because status follows dueAt in the index; 已关闭 and 已撤回 each walk the whole done lane',
        },
      },
    }
  } finally {
    await cloud.close()
  }
}

/** The 15-minute timer over 20,000 open tickets, 1,000 of them past their first-response time and not yet marked. */
async function sweepRun(functionsDir: string) {
  const random = seeded(1_000)
  const after = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE)
  const tickets: TicketDoc[] = []
  for (let index = 0; index < SWEEP_OPEN; index++) {
    const id = `T-sweep-${String(index).padStart(6, '0')}`
    const member = `sw-member-${index % 7000}`
    const category = categoryOf(random)
    if (index < SWEEP_OVERDUE) {
      // Filed 2¼ to 3 hours ago, nobody answered: the first response is due and unmarked.
      tickets.push(ticketFixture(id, member, new Date(NOW.getTime() - (135 + random() * 45) * MINUTE), { category }))
    } else {
      // Taken and answered within the hour, due to be resolved later today or tomorrow.
      const filedAt = new Date(NOW.getTime() - random() * 20 * HOUR)
      const staff = serviceActor(SERVICE_STAFF[index % SERVICE_STAFF.length])
      tickets.push(
        ticketFixture(id, member, filedAt, {
          category,
          steps: [
            { at: after(filedAt, 5), by: staff, input: { event: 'assign', to: { openid: staff.openid, name: staff.name } } },
            { at: after(filedAt, 10), by: staff, input: { event: 'reply', text: '您好，已收到。' } },
          ],
        }),
      )
    }
  }
  // timeoutScale 1: a chunk over the function's 60 s is killed, as in WeChat cloud.
  const cloud = await startLocalCloud({
    functionsDir,
    maxInstances: 1,
    timeoutScale: 1,
    seed: (db) => {
      db.insertMany('staff', STAFF)
      db.insertMany('tickets', tickets)
    },
  })
  cloud.setNow(NOW)
  try {
    cloud.db.resetStats()
    const chunks: Array<{ seconds: number; escalations: number; examined: number; report: SweepReport }> = []
    for (let round = 0; round < 20; round++) {
      const examinedBefore = cloud.db.stats().examined
      const started = process.hrtime.bigint()
      const report = data<SweepReport>(await cloud.call('ticket', { action: 'sweep', payload: { round } }, {}), 'sweep')
      chunks.push({ seconds: Number(process.hrtime.bigint() - started) / 1e9, escalations: report.escalations, examined: cloud.db.stats().examined - examinedBefore, report })
      if (!report.left) break
    }
    const stats = cloud.db.stats()
    const escalations = chunks.reduce((sum, chunk) => sum + chunk.escalations, 0)
    const breaches = chunks.reduce((sum, chunk) => sum + chunk.report.breaches, 0)
    // Each escalation is a conditional update by `_id` (and `rev`): one document examined, by design.
    const claims = escalations
    const findExamined = stats.examined - claims
    const maxChunk = Math.max(...chunks.map((chunk) => chunk.seconds))
    cloud.db.resetStats()
    const rerun = data<SweepReport>(await cloud.call('ticket', { action: 'sweep', payload: {} }, {}), 'sweep')
    const rerunExamined = cloud.db.stats().examined
    const rows: Row[] = [
      {
        figure: `tickets: timer escalations (${SWEEP_OPEN.toLocaleString('en')} open tickets, ${SWEEP_OVERDUE.toLocaleString('en')} overdue)`,
        value: String(escalations),
        goal: `= ${SWEEP_OVERDUE}`,
        met: escalations === SWEEP_OVERDUE && breaches === SWEEP_OVERDUE,
      },
      {
        figure: 'tickets:   docs examined per escalation, finding them',
        value: String(round(findExamined / Math.max(1, escalations))),
        goal: '≤ 1.2',
        met: escalations > 0 && findExamined / escalations <= 1.2,
      },
      reported('tickets:   docs examined per escalation, total (finding + the conditional write)', String(round(stats.examined / Math.max(1, escalations)))),
      reported('tickets:   timer chunks (sweep with its 45 s budget)', String(chunks.length)),
      { figure: 'tickets:   max chunk seconds', value: String(round(maxChunk, 2)), goal: `< ${TIMEOUT_S}`, met: maxChunk < TIMEOUT_S },
      { figure: 'tickets:   a second run escalates', value: `${rerun.escalations} (${rerunExamined} docs examined)`, goal: '0', met: rerun.escalations === 0 && rerun.breaches === 0 },
    ]
    const overHardLimit = maxChunk >= TIMEOUT_S ? `a ticket sweep chunk took ${round(maxChunk, 1)} s, over the ${TIMEOUT_S} s timeout` : undefined
    return {
      rows,
      overHardLimit,
      results: {
        open: SWEEP_OPEN,
        overdue: SWEEP_OVERDUE,
        escalations,
        breaches,
        examined: stats.examined,
        findExamined,
        roundTrips: stats.roundTrips,
        byAction: stats.byAction,
        chunks: chunks.map(({ seconds, escalations: escalated, examined, report }) => ({ seconds, escalations: escalated, examined, left: report.left })),
        rerun: { ...rerun, examined: rerunExamined },
        note: 'each escalation is one conditional write on _id and rev plus one message per owner or admin. Finding: the watchAt pages, and the staff list read once per worker (8 per run, not 1: ticketSweep memoises the answer, not the promise). Chunk seconds are mostly the emulator: it plans a where({_id, rev}) update over the whole collection (300 escalations alone took 3.0 s, beside 19,700 other tickets 16.5 s)',
      },
    }
  } finally {
    await cloud.close()
  }
}

export const tickets: BenchSection = {
  name: 'tickets',
  async run({ functionsDir }) {
    const trips = await roundTripRows(functionsDir)
    const queue = await queuePages(functionsDir)
    const sweep = await sweepRun(functionsDir)
    return {
      rows: [...trips.rows, ...queue.rows, ...sweep.rows],
      overHardLimit: sweep.overHardLimit,
      results: { measuredAt: new Date().toISOString(), roundTrips: trips.results, queue: queue.results, sweep: sweep.results },
    }
  },
}
