import fc from 'fast-check'
import {
  formatCode,
  formatDate,
  formatDateTime,
  formatDiscount,
  formatFen,
  formatMonthDay,
  formatPoints,
  formatSignedPoints,
  groupDigits,
  shortYuan,
} from '../../../cloudfunctions/shared/contract/format'

describe('points', () => {
  it.each([
    [0, '0'],
    [88, '88'],
    [999, '999'],
    [1000, '1,000'],
    [6280, '6,280'],
    [1234567, '1,234,567'],
    [-5000, '-5,000'],
  ])('%d reads %s', (points, shown) => {
    expect(formatPoints(points)).toBe(shown)
  })

  it.each([
    [1000, '+1,000'],
    [88, '+88'],
    [-300, '-300'],
    [-1500, '-1,500'],
    [0, '0'],
  ])('a movement of %d reads %s', (delta, shown) => {
    expect(formatSignedPoints(delta)).toBe(shown)
  })

  it('group every integer the way toLocaleString does in a runtime that groups (Node, Chromium)', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (value) => formatPoints(value) === value.toLocaleString('en-US')))
  })

  it('group a decimal only in its whole part', () => {
    expect(groupDigits(12345.5)).toBe('12,345.5')
  })
})

describe('money', () => {
  it.each([
    [0, '¥0.00', '¥0'],
    [8850, '¥88.50', '¥88.50'],
    [1000, '¥10.00', '¥10'],
    [30000, '¥300.00', '¥300'],
    [123456789, '¥1,234,567.89', '¥1,234,567.89'],
    [-500, '-¥5.00', '-¥5'],
  ])('%d fen reads %s, or %s in short', (fen, full, short) => {
    expect(formatFen(fen)).toBe(full)
    expect(shortYuan(fen)).toBe(short)
  })
})

describe('discounts read as 折, for the member and the cashier alike', () => {
  it.each([
    [5, '9.5折'],
    [2, '9.8折'],
    [10, '9折'],
    [20, '8折'],
    [50, '5折'],
    [12.5, '8.75折'],
    [0, '无折扣'],
  ])('%d %% off reads %s', (percentOff, shown) => {
    expect(formatDiscount(percentOff)).toBe(shown)
  })
})

describe('dates, on the shop calendar (Asia/Shanghai)', () => {
  it('a birthday (a calendar date, no time zone) reads as written', () => {
    expect(formatDate('1995-12-01')).toBe('1995年12月1日')
    expect(formatDate('1992-03-18')).toBe('1992年3月18日')
    expect(formatMonthDay('1992-03-18')).toBe('3月18日')
  })

  it('an instant reads on the Beijing day, whichever day it is in UTC', () => {
    // 16:30 UTC on 30 November is 00:30 on 1 December in Beijing.
    expect(formatDate('2026-11-30T16:30:00.000Z')).toBe('2026年12月1日')
    expect(formatDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026年11月30日')
    expect(formatMonthDay('2026-12-31T16:00:00.000Z')).toBe('1月1日')
  })

  it('a moment reads with its Beijing time', () => {
    expect(formatDateTime('2026-03-18T07:01:00.000Z')).toBe('2026年3月18日 15:01')
    expect(formatDateTime(new Date('2026-11-30T16:05:00.000Z'))).toBe('2026年12月1日 00:05')
  })

  it('a birthday and the same day as an instant read the same', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (day) => {
        const calendar = day.toISOString().slice(0, 10)
        const noonInBeijing = new Date(`${calendar}T12:00:00+08:00`)
        return formatDate(calendar) === formatDate(noonInBeijing)
      }),
    )
  })
})

describe('codes', () => {
  it.each([
    ['ABCD2345', 'ABCD 2345'],
    ['ABCDE23456', 'ABCDE 23456'],
    ['A', 'A'],
  ])('%s reads %s', (code, shown) => {
    expect(formatCode(code)).toBe(shown)
  })
})
