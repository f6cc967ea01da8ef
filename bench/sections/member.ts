import { roundTrips } from '../roundTrips'
import type { BenchSection, Row } from '../types'

/** Database round trips of the member function's actions. */
export const member: BenchSection = {
  name: 'member',
  async run({ cloud }) {
    const form = { name: '测速', birthday: '1990-01-01', gender: 'unknown' }
    const trips = {
      'member.me (not a member)': { ...(await roundTrips(cloud, 'member', { action: 'me' }, { openid: 'bench-visitor' })), goal: 1, exact: true },
      'member.join (new member)': { ...(await roundTrips(cloud, 'member', { action: 'join', payload: form }, { openid: 'bench-member' })), goal: 3, exact: false },
      'member.join (repeat)': { ...(await roundTrips(cloud, 'member', { action: 'join', payload: form }, { openid: 'bench-member' })), goal: 3, exact: false },
      'member.me (member)': { ...(await roundTrips(cloud, 'member', { action: 'me' }, { openid: 'bench-member' })), goal: 1, exact: true },
    }
    const rows: Row[] = Object.entries(trips).map(([label, trip]) => ({
      figure: `DB round trips: ${label}`,
      value: String(trip.roundTrips),
      goal: `${trip.exact ? '=' : '≤'} ${trip.goal}`,
      met: trip.ok && (trip.exact ? trip.roundTrips === trip.goal : trip.roundTrips <= trip.goal),
    }))
    return { rows, results: { roundTrips: trips } }
  },
}
