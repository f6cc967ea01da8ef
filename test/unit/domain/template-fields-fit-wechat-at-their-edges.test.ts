import fc from 'fast-check'
import { TEMPLATE_FIELDS, TEMPLATE_PURPOSES, SUBSCRIBE_TEMPLATES, type TemplateFieldKind } from '../../../cloudfunctions/shared/contract/templates'
import {
  checkMessage,
  fitCharacterString,
  fitField,
  fitName,
  fitNumber,
  fitPhrase,
  fitThing,
  formatAmount,
  formatTemplateDate,
  formatTemplateTime,
  graphemes,
  type FieldResult,
} from '../../../cloudfunctions/shared/domain/templateFields'
import { Outbox } from '../../../emulator/openapi/outbox'

/**
 * WeChat refuses a whole subscription message (47003) when one field breaks its type's rule. Each
 * formatter either fits a value (a long `thing` cut between characters, never through an emoji) or
 * refuses it before sending. The emulator's outbox counts code points, so a fitted `thing` is at
 * most 20 of them however many graphemes that is.
 */

const codePoints = (text: string) => [...text].length
const han = (count: number) => '字'.repeat(count)
const value = (result: FieldResult) => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result.value
}
const reason = (result: FieldResult) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`)
  return result.reason
}

const FAMILY = '👨‍👩‍👧'
const FLAG = '🇨🇳'
const THUMB = '👍🏽'
const KEYCAP = '1️⃣'
const EMOJI = [
  ['a ZWJ family', FAMILY, 5],
  ['a flag', FLAG, 2],
  ['a skin tone', THUMB, 2],
  ['a keycap', KEYCAP, 3],
] as const

describe('graphemes', () => {
  it('counts each emoji sequence and each surrogate pair as one', () => {
    expect(graphemes(`a${FAMILY}${FLAG}${THUMB}${KEYCAP}𠮷字`)).toEqual(['a', FAMILY, FLAG, THUMB, KEYCAP, '𠮷', '字'])
    expect(graphemes('')).toEqual([])
  })
})

describe('thing: 20 characters', () => {
  it('keeps exactly 20 and cuts 21 to 19 and an ellipsis', () => {
    expect(value(fitThing(han(20)))).toBe(han(20))
    expect(value(fitThing(han(21)))).toBe(`${han(19)}…`)
    expect(codePoints(value(fitThing(han(21))))).toBe(20)
    expect(value(fitThing('a'.repeat(100)))).toBe(`${'a'.repeat(19)}…`)
  })

  it('trims, and refuses what is empty once trimmed', () => {
    expect(value(fitThing('  冬季新品品鉴会 \n'))).toBe('冬季新品品鉴会')
    expect(reason(fitThing(''))).toBe('内容不能为空')
    expect(reason(fitThing(' \n\t '))).toBe('内容不能为空')
  })

  it('reads control characters and line breaks as a space', () => {
    expect(value(fitThing('静安店\n二楼\t露台'))).toBe('静安店 二楼 露台')
    expect(value(fitThing('第一行\r\n第二行\u2028第三行'))).toBe('第一行 第二行 第三行')
    expect(value(fitThing('铃\u0007声'))).toBe('铃 声')
  })

  it.each(EMOJI)('never splits %s at the cut point', (_what, emoji, size) => {
    expect(codePoints(emoji)).toBe(size)
    // The emoji would end past the 19 code points before the ellipsis: it goes whole.
    const tooFar = han(20 - size) + emoji + han(5)
    expect(value(fitThing(tooFar))).toBe(`${han(20 - size)}…`)
    // It ends exactly at 19: it stays whole.
    const justFits = han(19 - size) + emoji + han(5)
    expect(value(fitThing(justFits))).toBe(`${han(19 - size)}${emoji}…`)
    expect(codePoints(value(fitThing(justFits)))).toBe(20)
  })

  it.each(EMOJI)('with %s anywhere, the result is whole graphemes of the input within 20 code points', (_what, emoji) => {
    for (let before = 0; before <= 22; before++) {
      const input = han(before) + emoji + han(22 - before)
      const fitted = value(fitThing(input))
      expect(codePoints(fitted)).toBeLessThanOrEqual(20)
      const body = fitted.replace(/…$/, '')
      expect(graphemes(input).slice(0, graphemes(body).length).join('')).toBe(body)
      // The emoji is in there whole or not at all.
      expect(body.includes(emoji) || ![...emoji].some((point) => body.includes(point))).toBe(true)
    }
  })

  it('counts code points, so 20 graphemes of two code points each are cut', () => {
    // 😀 is one code point (two UTF-16 units); ☕️ is two (the cup and a variation selector).
    expect(value(fitThing('😀'.repeat(20)))).toBe('😀'.repeat(20))
    expect(value(fitThing('😀'.repeat(21)))).toBe(`${'😀'.repeat(19)}…`)
    expect(value(fitThing('☕️'.repeat(10)))).toBe('☕️'.repeat(10))
    // 20 graphemes but 40 code points: nine fit with the ellipsis.
    expect(value(fitThing('☕️'.repeat(20)))).toBe(`${'☕️'.repeat(9)}…`)
    expect(value(fitThing(FAMILY.repeat(4)))).toBe(FAMILY.repeat(4))
    expect(value(fitThing(FAMILY.repeat(5)))).toBe(`${FAMILY.repeat(3)}…`)
  })

  it('never splits a surrogate pair', () => {
    expect(value(fitThing('𠮷'.repeat(20)))).toBe('𠮷'.repeat(20))
    const cut = value(fitThing('𠮷'.repeat(21)))
    expect(cut).toBe(`${'𠮷'.repeat(19)}…`)
    expect(cut).not.toMatch(/\p{Cs}/u)
    expect(value(fitThing(`${han(18)}𠮷𠮷𠮷`))).toBe(`${han(18)}𠮷…`)
  })

  it('replaces a lone surrogate rather than sending half a character', () => {
    expect(value(fitThing('坏\uD842字'))).toBe('坏\uFFFD字')
  })

  it('leaves no space before the ellipsis', () => {
    expect(value(fitThing(`${han(18)} ${han(5)}`))).toBe(`${han(18)}…`)
  })

  it('refuses a single character too long to fit at all', () => {
    expect(reason(fitThing(`a${'\u0301'.repeat(25)}`))).toBe('内容无法截断到20个字符以内')
  })
})

describe('phrase: 5 Chinese characters', () => {
  it('keeps up to 5 and cuts 6 to 5, without an ellipsis', () => {
    expect(value(fitPhrase('候补成功'))).toBe('候补成功')
    expect(value(fitPhrase('已经处理完'))).toBe('已经处理完')
    expect(value(fitPhrase('已经处理完毕'))).toBe('已经处理完')
    expect(value(fitPhrase('  处理中 '))).toBe('处理中')
  })

  it('counts a character outside the BMP as one', () => {
    expect(value(fitPhrase('𠮷野家'))).toBe('𠮷野家')
    expect(value(fitPhrase('一二三四𠮷五'))).toBe('一二三四𠮷')
  })

  it.each([
    ['digits', '3天后'],
    ['letters', 'VIP会员'],
    ['emoji', '成功🎉'],
    ['punctuation', '成功！'],
    ['a space', '候补 成功'],
  ])('refuses %s: they cannot be fixed', (_what, text) => {
    expect(reason(fitPhrase(text))).toBe('短语只能包含汉字')
  })

  it('refuses an empty phrase', () => {
    expect(reason(fitPhrase('  '))).toBe('短语不能为空')
  })
})

describe('name: 10 Chinese characters or 20 letters', () => {
  it('cuts a Chinese name of 11 to 10', () => {
    expect(value(fitName('张三'))).toBe('张三')
    expect(value(fitName('欧阳诸葛司马上官慕容'))).toBe('欧阳诸葛司马上官慕容')
    expect(value(fitName('欧阳诸葛司马上官慕容端'))).toBe('欧阳诸葛司马上官慕容')
    expect(value(fitName('买买提·艾力'))).toBe('买买提·艾力')
  })

  it('cuts a letter name of 21 to 20', () => {
    expect(value(fitName('Alexandra Richardson'))).toBe('Alexandra Richardson')
    expect(value(fitName('Alexandra Richardsons'))).toBe('Alexandra Richardson')
    expect(value(fitName('J. R. R. Tolkien'))).toBe('J. R. R. Tolkien')
    // A cut right after a space leaves no trailing space.
    expect(value(fitName('Abcdefghijklmnopqrs tuv'))).toBe('Abcdefghijklmnopqrs')
  })

  it('counts a mix of Chinese and letters as a Chinese name', () => {
    expect(value(fitName('Tom张三李四王五赵六'))).toBe('Tom张三李四王五赵')
  })

  it.each([
    ['digits', '张3'],
    ['digits among letters', 'Tom 2'],
    ['emoji', '小明😀'],
    ['symbols', 'Tom@Home'],
    ['only dots', '..'],
  ])('refuses %s', (_what, text) => {
    expect(reason(fitName(text))).toBe('姓名只能包含汉字或字母')
  })

  it('refuses an empty name', () => {
    expect(reason(fitName(''))).toBe('姓名不能为空')
  })
})

describe('number: 32 digits, never cut', () => {
  it('keeps 32 digits and refuses 33', () => {
    expect(value(fitNumber('1'.repeat(32)))).toBe('1'.repeat(32))
    expect(reason(fitNumber('1'.repeat(33)))).toBe('数字不能超过32位')
  })

  it('takes numbers and digit strings, with decimals and a minus sign', () => {
    expect(value(fitNumber(6280))).toBe('6280')
    expect(value(fitNumber(12.5))).toBe('12.5')
    expect(value(fitNumber(-300))).toBe('-300')
    expect(value(fitNumber(0))).toBe('0')
    expect(value(fitNumber(' 0.05 '))).toBe('0.05')
    expect(value(fitNumber(`-${'9'.repeat(29)}.5`))).toBe(`-${'9'.repeat(29)}.5`)
    expect(reason(fitNumber(`-${'9'.repeat(30)}.5`))).toBe('数字不能超过32位')
  })

  it.each([['abc'], ['12a'], ['1.2.3'], ['1,000'], ['1e5'], ['.5'], ['5.'], ['+5'], ['']])('refuses %j', (text) => {
    expect(reason(fitNumber(text))).toBe('数字格式不正确')
  })

  it.each([[NaN], [Infinity], [1e21], [1e-7]])('refuses the number %p, which does not print as digits', (number) => {
    expect(reason(fitNumber(number))).toBe('数字格式不正确')
  })
})

describe('character_string: 32 letters, digits or symbols, never cut', () => {
  it('keeps 32 and refuses 33', () => {
    expect(value(fitCharacterString('A'.repeat(32)))).toBe('A'.repeat(32))
    expect(reason(fitCharacterString('A'.repeat(33)))).toBe('字符串不能超过32位')
  })

  it('takes ids and signed figures', () => {
    expect(value(fitCharacterString('tk-20261122-0001'))).toBe('tk-20261122-0001')
    expect(value(fitCharacterString('+300'))).toBe('+300')
    expect(value(fitCharacterString('~!@#$%^&*()_+{}|:"<>?'))).toBe('~!@#$%^&*()_+{}|:"<>?')
  })

  it.each([
    ['Chinese', '工单123'],
    ['a space inside', 'tk 1'],
    ['full-width letters', 'ＡＢＣ'],
    ['emoji', 'tk😀'],
  ])('refuses %s', (_what, text) => {
    expect(reason(fitCharacterString(text))).toBe('字符串只能包含字母、数字和符号')
  })

  it('refuses an empty string', () => {
    expect(reason(fitCharacterString(' '))).toBe('字符串不能为空')
  })
})

describe('amount: ¥ and two decimals from whole fen', () => {
  it.each([
    [8850, '¥88.50'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [123456, '¥1234.56'],
    [9_999_999_999, '¥99999999.99'],
  ])('%d fen is %s', (fen, text) => {
    expect(value(formatAmount(fen))).toBe(text)
  })

  it('refuses negative, fractional and non-finite fen, and more than 10 digits', () => {
    expect(reason(formatAmount(-1))).toBe('金额不能为负数')
    expect(reason(formatAmount(1.5))).toBe('金额必须是整数（分）')
    expect(reason(formatAmount(NaN))).toBe('金额必须是整数（分）')
    expect(reason(formatAmount(10_000_000_000))).toBe('金额不能超过10位数字')
  })
})

describe('time and date: on the Beijing clock', () => {
  it('writes a time as WeChat does', () => {
    expect(value(formatTemplateTime(new Date('2026-11-22T07:01:00Z')))).toBe('2026年11月22日 15:01')
    expect(value(formatTemplateTime(new Date('2026-01-04T17:05:00Z')))).toBe('2026年01月05日 01:05')
  })

  it('puts a UTC evening on the next Beijing day', () => {
    expect(value(formatTemplateTime(new Date('2026-11-21T16:30:00Z')))).toBe('2026年11月22日 00:30')
    expect(value(formatTemplateDate(new Date('2026-11-21T16:30:00Z')))).toBe('2026年11月22日')
    expect(value(formatTemplateDate(new Date('2026-11-21T15:59:00Z')))).toBe('2026年11月21日')
    expect(value(formatTemplateDate(new Date('2026-12-31T16:00:00Z')))).toBe('2027年01月01日')
  })

  it('refuses an invalid date', () => {
    expect(reason(formatTemplateTime(new Date('not a date')))).toBe('时间无效')
    expect(reason(formatTemplateDate(new Date(NaN)))).toBe('日期无效')
  })
})

describe('fitField: a string by its kind', () => {
  it('dispatches to the formatter of each kind', () => {
    expect(value(fitField('thing', han(25)))).toBe(`${han(19)}…`)
    expect(value(fitField('phrase', '已经处理完毕'))).toBe('已经处理完')
    expect(value(fitField('name', '欧阳诸葛司马上官慕容端'))).toBe('欧阳诸葛司马上官慕容')
    expect(value(fitField('number', '6280'))).toBe('6280')
    expect(value(fitField('character_string', 'tk-1'))).toBe('tk-1')
    expect(reason(fitField('phrase', '3天后'))).toBe('短语只能包含汉字')
  })

  it('takes amount, time and date only already formatted', () => {
    expect(value(fitField('amount', '¥88.50'))).toBe('¥88.50')
    expect(reason(fitField('amount', '88.50'))).toBe('金额格式应为 ¥88.50')
    expect(reason(fitField('amount', '¥88.5'))).toBe('金额格式应为 ¥88.50')
    expect(reason(fitField('amount', '¥1,234.50'))).toBe('金额格式应为 ¥88.50')
    expect(value(fitField('time', '2026年11月22日 15:01'))).toBe('2026年11月22日 15:01')
    expect(reason(fitField('time', '2026-11-22 15:01'))).toBe('时间格式应为 2026年11月22日 15:01')
    expect(reason(fitField('time', '2026年11月22日 25:01'))).toBe('时间格式应为 2026年11月22日 15:01')
    expect(reason(fitField('time', '2026年11月22日'))).toBe('时间格式应为 2026年11月22日 15:01')
    expect(value(fitField('date', '2026年11月22日'))).toBe('2026年11月22日')
    expect(reason(fitField('date', '2026年13月22日'))).toBe('日期格式应为 2026年11月22日')
    expect(reason(fitField('date', '2026年11月22日 15:01'))).toBe('日期格式应为 2026年11月22日')
  })

  it('agrees with the formatters for amount, time and date', () => {
    const at = new Date('2026-11-21T16:30:00Z')
    expect(fitField('amount', value(formatAmount(8850)))).toEqual(formatAmount(8850))
    expect(fitField('time', value(formatTemplateTime(at)))).toEqual(formatTemplateTime(at))
    expect(fitField('date', value(formatTemplateDate(at)))).toEqual(formatTemplateDate(at))
  })
})

/** A value that fits each kind as it is. */
const SAMPLE: Record<TemplateFieldKind, string> = {
  thing: '冬季新品品鉴会',
  phrase: '候补成功',
  name: '张三',
  number: '6280',
  character_string: 'tk-20261122-0001',
  amount: '¥10.00',
  time: '2026年11月22日 15:01',
  date: '2026年11月22日',
}
const sampleFor = (purpose: keyof typeof TEMPLATE_FIELDS) => {
  const fields: Record<string, TemplateFieldKind> = TEMPLATE_FIELDS[purpose]
  return Object.fromEntries(Object.entries(fields).map(([field, kind]) => [field, SAMPLE[kind]]))
}

describe('checkMessage: a whole message against its template', () => {
  it.each(TEMPLATE_PURPOSES)('%s with every field fitting passes unchanged', (purpose) => {
    const data = sampleFor(purpose)
    expect(checkMessage(purpose, data)).toEqual({ ok: true, data })
  })

  it('refuses a missing field, naming it', () => {
    expect(checkMessage('tierChange', { thing1: '恭喜升级为金卡会员', time3: '2026年11月22日 15:01' })).toEqual({ ok: false, field: 'phrase2', reason: '缺少字段 phrase2' })
  })

  it('refuses a field the template does not have', () => {
    expect(checkMessage('tierChange', { thing1: '恭喜升级为金卡会员', phrase2: '金卡', time3: '2026年11月22日 15:01', thing4: '多余' })).toEqual({
      ok: false,
      field: 'thing4',
      reason: '模板没有字段 thing4',
    })
  })

  it('cuts a long thing and passes', () => {
    const reasonText = '因商场临时停电检修，场地无法使用，活动改期另行通知，给您带来不便敬请谅解'
    const result = checkMessage('activityCancelled', { thing1: '冬季新品品鉴会', time2: '2026年12月20日 19:00', thing3: reasonText, thing4: '无需退还积分' })
    expect(result).toEqual({
      ok: true,
      data: { thing1: '冬季新品品鉴会', time2: '2026年12月20日 19:00', thing3: '因商场临时停电检修，场地无法使用，活动…', thing4: '无需退还积分' },
    })
  })

  it('refuses a phrase that cannot be fixed, naming the field', () => {
    const result = checkMessage('ticketUpdate', { character_string1: 'tk-1', phrase2: '3天后', thing3: '我们已收到您的反馈', time4: '2026年11月22日 15:01' })
    expect(result).toEqual({ ok: false, field: 'phrase2', reason: '短语只能包含汉字' })
  })

  it('refuses an amount or a time not yet formatted', () => {
    const coupon = { thing1: '生日代金券', amount2: '10', date3: '2026年11月30日', thing4: '到店出示会员码使用' }
    expect(checkMessage('campaignCoupon', coupon)).toEqual({ ok: false, field: 'amount2', reason: '金额格式应为 ¥88.50' })
    expect(checkMessage('birthdayPerk', { thing1: '100积分', time2: '2026-11-30' })).toEqual({ ok: false, field: 'time2', reason: '时间格式应为 2026年11月22日 15:01' })
  })
})

describe('properties', () => {
  const pieces = fc.constantFrom(FAMILY, FLAG, THUMB, KEYCAP, '字', '𠮷', 'a', ' ', '☕️', 'é', '🎄')
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')),
  )
  const hasControl = (text: string) => /[\p{Cc}\p{Cs}\u2028\u2029]/u.test(text)

  it('fitThing refuses, or gives whole leading graphemes of the trimmed input (and maybe …) within 20 code points', () => {
    fc.assert(
      fc.property(
        anyText.filter((text) => !hasControl(text)),
        (text) => {
          const result = fitThing(text)
          if (!result.ok) return
          expect(codePoints(result.value)).toBeLessThanOrEqual(20)
          const trimmed = graphemes(text.trim())
          const prefixes = trimmed.map((_, count) => trimmed.slice(0, count + 1).join(''))
          expect(prefixes.some((prefix) => result.value === prefix || result.value === `${prefix}…`)).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('fitThing never sends a control character or half a surrogate pair, whatever it is given', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = fitThing(text)
        if (!result.ok) return
        expect(result.value.length).toBeGreaterThan(0)
        expect(codePoints(result.value)).toBeLessThanOrEqual(20)
        expect(hasControl(result.value)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('a message checkMessage passes is never refused by the outbox with 47003', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (thing1, thing2, thing3) => {
        const result = checkMessage('campaignActivity', { thing1, thing2, thing3 })
        if (!result.ok) return
        const outbox = new Outbox(() => new Date('2026-11-22T07:01:00Z'))
        outbox.grant('member-1', [SUBSCRIBE_TEMPLATES.campaignActivity])
        const data = Object.fromEntries(Object.entries(result.data).map(([field, text]) => [field, { value: text }]))
        expect(outbox.send({ touser: 'member-1', templateId: SUBSCRIBE_TEMPLATES.campaignActivity, data })).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
      }),
      { numRuns: 300 },
    )
  })
})
