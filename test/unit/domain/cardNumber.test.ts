import fc from 'fast-check'
import { isValidCardNo, makeCardNo } from '../../../cloudfunctions/shared/domain/cardNumber'
import { formatCardNo } from '../../../cloudfunctions/shared/contract/format'

const randomSource = fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), { minLength: 9, maxLength: 9 }).map((values) => {
  let index = 0
  return () => values[index++ % values.length]
})

describe('card numbers', () => {
  it('are 10 digits, never start with 0, and carry a valid check digit', () => {
    fc.assert(
      fc.property(randomSource, (random) => {
        const cardNo = makeCardNo(random)
        return /^[1-9]\d{9}$/.test(cardNo) && isValidCardNo(cardNo)
      }),
    )
  })

  it('catch any single mistyped digit', () => {
    fc.assert(
      fc.property(randomSource, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (random, position, shift) => {
        const cardNo = makeCardNo(random)
        const digit = (Number(cardNo[position]) + shift) % 10
        const typo = cardNo.slice(0, position) + digit + cardNo.slice(position + 1)
        return !isValidCardNo(typo)
      }),
    )
  })

  it.each([
    ['79927398713', false], // a classic Luhn number, but 11 digits
    ['7992739871', false],
    ['0123456789', false],
    ['abcdefghij', false],
  ])('rejects %s', (cardNo, valid) => {
    expect(isValidCardNo(cardNo)).toBe(valid)
  })

  it('group for reading aloud', () => {
    expect(formatCardNo('8123456789')).toBe('8123 4567 89')
  })
})
