import fc from 'fast-check'
import { makeCardNo } from '../../../cloudfunctions/shared/domain/cardNumber'
import { buildJoinScene, parseJoinScene, SCENE_MAX_LENGTH } from '../../../cloudfunctions/shared/domain/scene'

/**
 * Card numbers as members get them: makeCardNo over any sequence of draws, so the digits (and the
 * Luhn check digit) vary, not the one number a constant source makes.
 */
const cardNumbers = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 9, maxLength: 9 }).map((draws) => {
  let index = 0
  return makeCardNo(() => draws[index++])
})
const card = fc.sample(cardNumbers, { numRuns: 1, seed: 16 })[0]

describe('parseJoinScene', () => {
  it.each([
    ['a store alone', 's=store-001', { storeId: 'store-001', referrerCardNo: null }],
    ['a store and a referrer', `s=store-001&r=${card}`, { storeId: 'store-001', referrerCardNo: card }],
    ['keys in either order', `r=${card}&s=store-001`, { storeId: 'store-001', referrerCardNo: card }],
    ['unknown keys, ignored', 's=a1&x=yes', { storeId: 'a1', referrerCardNo: null }],
  ])('reads %s', (_label, text, scene) => {
    expect(parseJoinScene(text)).toEqual({ ok: true, scene })
  })

  it('reads any card number as the referrer, in either order, and refuses it with any other check digit (property)', () => {
    fc.assert(
      fc.property(cardNumbers, fc.stringMatching(/^[a-z0-9-]{1,10}$/), fc.integer({ min: 1, max: 9 }), (cardNo, storeId, shift) => {
        const scene = { storeId, referrerCardNo: cardNo }
        const wrongCheck = `${cardNo.slice(0, 9)}${(Number(cardNo[9]) + shift) % 10}`
        return (
          JSON.stringify(parseJoinScene(`s=${storeId}&r=${cardNo}`)) === JSON.stringify({ ok: true, scene }) &&
          JSON.stringify(parseJoinScene(`r=${cardNo}&s=${storeId}`)) === JSON.stringify({ ok: true, scene }) &&
          !parseJoinScene(`s=${storeId}&r=${wrongCheck}`).ok
        )
      }),
    )
  })

  it.each([
    ['empty', ''],
    ['no store', `r=${card}`],
    ['an empty store', 's='],
    ['an upper-case store', 's=Store'],
    ['a referrer with a wrong check digit', `s=a&r=${card.slice(0, 9)}${(Number(card[9]) + 1) % 10}`],
    ['a referrer that is not 10 digits', 's=a&r=123'],
    ['a repeated key', 's=a&s=b'],
    ['a part without =', 's=a&r'],
    ['a leading =', '=a'],
    ['a space', 's=a b'],
    ['Chinese', 's=门店'],
    ['over 32 characters', `s=${'a'.repeat(31)}`],
  ])('refuses %s', (_label, text) => {
    expect(parseJoinScene(text).ok).toBe(false)
  })
})

describe('buildJoinScene', () => {
  it('round-trips through parseJoinScene and always fits WeChat’s 32 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,24}$/), fc.option(cardNumbers), (storeId, referrerCardNo) => {
        const built = buildJoinScene({ storeId, referrerCardNo })
        if (!built.ok) return built.field === 'storeId' && `s=${storeId}${referrerCardNo ? `&r=${referrerCardNo}` : ''}`.length > SCENE_MAX_LENGTH
        return built.text.length <= SCENE_MAX_LENGTH && JSON.stringify(parseJoinScene(built.text)) === JSON.stringify({ ok: true, scene: { storeId, referrerCardNo } })
      }),
    )
  })

  it('names the field at fault', () => {
    expect(buildJoinScene({ storeId: 'Bad Store', referrerCardNo: null })).toMatchObject({ ok: false, field: 'storeId' })
    expect(buildJoinScene({ storeId: 'store-001', referrerCardNo: '1234567890' })).toMatchObject({ ok: false, field: 'referrerCardNo' })
    expect(buildJoinScene({ storeId: 'x'.repeat(24), referrerCardNo: card })).toMatchObject({ ok: false, field: 'storeId', message: '门店编号过长，无法生成二维码' })
  })
})
