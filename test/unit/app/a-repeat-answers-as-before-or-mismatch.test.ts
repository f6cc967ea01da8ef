import { refusalError, replayOrMismatch } from '../../../cloudfunctions/shared/app/commands'
import { refuse } from '../../../cloudfunctions/shared/domain/decision'
import { AppError } from '../../../cloudfunctions/shared/runtime/errors'

const original = { openid: 'm1', amountFen: 8850, balanceAfter: 128 }
const same = (row: typeof original) => row.openid === 'm1' && row.amountFen === 8850
const answer = (row: typeof original) => ({ pointsBalance: row.balanceAfter, duplicate: true })

it('answers as the original did when the original is the same command', () => {
  expect(replayOrMismatch(original, same, answer)).toEqual({ pointsBalance: 128, duplicate: true })
})

it('is IDEMPOTENCY_MISMATCH when the key was used by another command', () => {
  expect(() => replayOrMismatch({ ...original, amountFen: 9000 }, same, answer)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_MISMATCH' }))
})

it('is IDEMPOTENCY_MISMATCH without an original, unless the caller says what no original means', () => {
  expect(() => replayOrMismatch(null, same, answer)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_MISMATCH' }))
  // A payment refused as insufficient is only a repeat if the first one exists.
  expect(() => replayOrMismatch(null, same, answer, () => refusalError(refuse('INSUFFICIENT_POINTS')))).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }))
})

it('turns a refusal into the error the router answers, keeping its words and field', () => {
  const error = refusalError(refuse('INVALID_INPUT', '退款金额超过订单剩余金额', 'amount'))
  expect(error).toBeInstanceOf(AppError)
  expect(error.toActionError()).toEqual({ code: 'INVALID_INPUT', message: '退款金额超过订单剩余金额', fields: [{ path: 'amount', message: '退款金额超过订单剩余金额' }] })
})
