import fc from 'fast-check'
import { BOM, CRLF, csvField, csvHead, csvLine } from '../../../cloudfunctions/shared/domain/csv'
import { exportFileName, exportWindow, rangeProblem } from '../../../cloudfunctions/shared/domain/exportJob'
import { parseCsv } from '../../support/csv'

describe('csvField', () => {
  it.each([
    ['plain Chinese, as it is', '林晓雨', '林晓雨'],
    ['a comma, quoted', '林,晓雨', '"林,晓雨"'],
    ['a quote, doubled inside quotes', '王"小"明', '"王""小""明"'],
    ['a line feed, quoted', '第一行\n第二行', '"第一行\n第二行"'],
    ['a CR LF, quoted', '第一行\r\n第二行', '"第一行\r\n第二行"'],
    ['a lone CR, quoted', '甲\r乙', '"甲\r乙"'],
    ['all of them at once', '张,"三"\n', '"张,""三""\n"'],
    ['spaces kept, unquoted (RFC 4180: spaces are part of a field)', ' 李 四 ', ' 李 四 '],
    ['the empty string, empty', '', ''],
    ['a masked phone, as it is', '138****1234', '138****1234'],
    // Formula injection (OWASP "CSV injection"): a cell a spreadsheet would evaluate is prefixed with ', so Excel shows the text.
    ['a leading =, prefixed', '=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['a leading +, prefixed', '+86 138', "'+86 138"],
    ['a leading -, prefixed', '-2+3', "'-2+3"],
    ['a leading @, prefixed', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab, prefixed', '\t=1', "'\t=1"],
    ['a leading CR, prefixed and quoted', '\r=1', `"'\r=1"`],
    ['an = later in the text, as it is', '1=1', '1=1'],
  ])('writes %s', (_label, value, written) => {
    expect(csvField(value)).toBe(written)
  })

  it.each([
    ['a negative number stays a number (we write figures, not members)', -200, '-200'],
    ['zero', 0, '0'],
    ['null, empty', null, ''],
    ['undefined, empty', undefined, ''],
  ])('writes %s', (_label, value, written) => {
    expect(csvField(value)).toBe(written)
  })
})

describe('a file', () => {
  it('opens with one BOM and a header line, and every record ends in CRLF', () => {
    const text = csvHead(['卡号', '姓名']) + csvLine(['8000000001', '林,晓雨']) + csvLine(['8000000002', '王"小"明\n'])
    expect(text.startsWith(BOM)).toBe(true)
    expect(text.indexOf(BOM, 1)).toBe(-1)
    expect(text.endsWith(CRLF)).toBe(true)
    expect(parseCsv(text.slice(BOM.length))).toEqual([
      ['卡号', '姓名'],
      ['8000000001', '林,晓雨'],
      ['8000000002', '王"小"明\n'],
    ])
  })

  it("reads back every record as written, whatever the text, formula starts prefixed with ' (property)", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('林晓雨', ',', '"', '\r', '\n', '\r\n', '=1+1', '-', '@', '+'), fc.string({ unit: fc.constantFrom('林', ',', '"', '\r', '\n', 'a', '=', ' ') }))
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (records) => {
        const text = csvHead(['列']) + records.map((record) => csvLine(record)).join('')
        const expected = records.map((record) => record.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)))
        expect(parseCsv(text.slice(BOM.length))).toEqual([['列'], ...expected])
      }),
    )
  })
})

describe('an export range', () => {
  it('runs from the first Beijing midnight to the one after the last day, cut at the start', () => {
    const before = new Date('2026-12-10T06:00:00Z')
    expect(exportWindow('2026-11-01', '2026-11-30', before)).toEqual({ startAt: new Date('2026-10-31T16:00:00Z'), endAt: new Date('2026-11-30T16:00:00Z') })
    // Today included: the rows up to the start of the job, never the ones written while it runs.
    expect(exportWindow('2026-12-01', '2026-12-10', before)).toEqual({ startAt: new Date('2026-11-30T16:00:00Z'), endAt: before })
  })

  it.each([
    ['one day', '2026-11-01', '2026-11-01', null],
    ['366 days (a leap year whole)', '2028-01-01', '2028-12-31', null],
    ['367 days', '2026-01-01', '2027-01-02', '导出范围不能超过 366 天'],
  ])('%s', (_label, from, to, problem) => {
    expect(rangeProblem(from, to)).toBe(problem)
  })

  it('names the file in Chinese after what it holds', () => {
    expect(exportFileName('members', '2026-11-01', '2026-11-30')).toBe('会员资料_2026-11-01_2026-11-30.csv')
    expect(exportFileName('orders', '2026-11-01', '2026-11-30')).toBe('消费记录_2026-11-01_2026-11-30.csv')
  })
})
