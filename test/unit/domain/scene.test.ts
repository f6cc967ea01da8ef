import fc from 'fast-check'
import { makeCardNo } from '../../../cloudfunctions/shared/domain/cardNumber'
import { buildJoinScene, parseJoinScene, SCENE_MAX_LENGTH } from '../../../cloudfunctions/shared/domain/scene'

const card = makeCardNo(() => 0.5)

describe('parseJoinScene', () => {
  it.each([
    ['a store alone', 's=store-001', { storeId: 'store-001', referrerCardNo: null }],
    ['a store and a referrer', `s=store-001&r=${card}`, { storeId: 'store-001', referrerCardNo: card }],
    ['keys in either order', `r=${card}&s=store-001`, { storeId: 'store-001', referrerCardNo: card }],
    ['unknown keys, ignored', 's=a1&x=yes', { storeId: 'a1', referrerCardNo: null }],
  ])('reads %s', (_label, text, scene) => {
    expect(parseJoinScene(text)).toEqual({ ok: true, scene })
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
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,24}$/), fc.option(fc.double({ min: 0, max: 0.999, noNaN: true })), (storeId, seed) => {
        const referrerCardNo = seed === null ? null : makeCardNo(() => seed)
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
