import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import fc from 'fast-check'
import { shopDate, shopTime } from '../../../cloudfunctions/shared/domain/calendar'

dayjs.extend(utc)
dayjs.extend(timezone)

/** The fixed UTC+8 offset must give exactly what the Asia/Shanghai zone gives, for every instant the shop can meet. */
describe('shopTime', () => {
  const instant = fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true })

  it('formats, starts and ends days and months as the Asia/Shanghai zone does', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 24 }), (at, months) => {
        const zone = dayjs(at).tz('Asia/Shanghai')
        const fixed = shopTime(at)
        expect(fixed.format('YYYY-MM-DD HH:mm:ss')).toBe(zone.format('YYYY-MM-DD HH:mm:ss'))
        expect(fixed.startOf('day').valueOf()).toBe(zone.startOf('day').valueOf())
        expect(fixed.startOf('month').valueOf()).toBe(zone.startOf('month').valueOf())
        expect(fixed.add(months, 'month').endOf('month').valueOf()).toBe(zone.add(months, 'month').endOf('month').valueOf())
      }),
      { numRuns: 500 },
    )
  })

  it('puts 16:30 UTC on the next Beijing day', () => {
    expect(shopDate(new Date('2026-11-21T16:30:00Z'))).toBe('2026-11-22')
    expect(shopDate(new Date('2026-11-21T15:59:59Z'))).toBe('2026-11-21')
  })
})
