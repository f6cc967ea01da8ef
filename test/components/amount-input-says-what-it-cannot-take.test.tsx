/**
 * What a person sees after typing into an amount or points field: the text stays exactly as typed,
 * and what the contract's rule cannot take turns the field red with the rule's own message.
 */
import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import type { NumberRule } from '../../cloudfunctions/shared/contract/fields'
import { TIER_THRESHOLD } from '../../cloudfunctions/shared/contract/rulesFields'
import { AMOUNT, readAmount, REWARD_POINTS_COST } from '../../cloudfunctions/shared/contract/staffFields'
import { AmountField } from '../../client/admin/components/ActionForm'
import { NumberField } from '../../client/components/FormField/NumberField'

function RuledField({ rule, attempted = false }: { rule: NumberRule; attempted?: boolean }) {
  const [text, setText] = useState('')
  return <NumberField label='字段' rule={rule} value={text} onChange={setText} attempted={attempted} testId='field' />
}

/** The till's amount: the cashier's form checks it with readAmount, as AccrueForm does. */
function TillAmount() {
  const [text, setText] = useState('')
  return <AmountField label='消费金额' value={text} onChange={setText} error={readAmount(text).error} testId='field' />
}

function typeInto(text: string) {
  const input = screen.getByTestId('field') as HTMLInputElement
  fireEvent.change(input, { target: { value: text } })
  return { shown: input.value, message: screen.queryByTestId('field-error')?.textContent ?? null, red: input.closest('.amount-input--invalid') !== null }
}

const SPEND_THRESHOLD = TIER_THRESHOLD.spend

describe('a yuan field (a tier’s spend threshold)', () => {
  it.each([
    ['-50', SPEND_THRESHOLD.message],
    ['12.345', SPEND_THRESHOLD.message],
    ['abc', SPEND_THRESHOLD.message],
    ['100000001', SPEND_THRESHOLD.message],
  ])('“%s” stays as typed, red, with the rule’s message', (typed, message) => {
    render(<RuledField rule={SPEND_THRESHOLD} />)
    expect(typeInto(typed)).toEqual({ shown: typed, message, red: true })
  })

  it('takes yuan with two decimals quietly', () => {
    render(<RuledField rule={SPEND_THRESHOLD} />)
    expect(typeInto('1280.50')).toEqual({ shown: '1280.50', message: null, red: false })
  })

  it('shows ¥ in front and says its range before anything is typed', () => {
    render(<RuledField rule={SPEND_THRESHOLD} />)
    expect(screen.getByText('¥')).toBeTruthy()
    expect((screen.getByTestId('field') as HTMLInputElement).placeholder).toBe('0–100,000,000')
  })

  it('left empty says nothing until a submit, then asks for it', () => {
    const { rerender } = render(<RuledField rule={SPEND_THRESHOLD} />)
    expect(typeInto('')).toEqual({ shown: '', message: null, red: false })
    rerender(<RuledField rule={SPEND_THRESHOLD} attempted />)
    expect(screen.getByTestId('field-error').textContent).toBe(SPEND_THRESHOLD.empty)
  })
})

describe('a points field (a reward’s cost)', () => {
  it.each([
    ['1.5', REWARD_POINTS_COST.message],
    ['-50', REWARD_POINTS_COST.message],
    ['abc', REWARD_POINTS_COST.message],
    ['0', REWARD_POINTS_COST.message],
    ['10000001', REWARD_POINTS_COST.message],
  ])('“%s” stays as typed, red, with the rule’s message', (typed, message) => {
    render(<RuledField rule={REWARD_POINTS_COST} />)
    expect(typeInto(typed)).toEqual({ shown: typed, message, red: true })
  })

  it('takes a whole number quietly, with no ¥', () => {
    render(<RuledField rule={REWARD_POINTS_COST} />)
    expect(typeInto('500')).toEqual({ shown: '500', message: null, red: false })
    expect(screen.queryByText('¥')).toBeNull()
  })
})

describe('the till’s amount', () => {
  it.each([
    ['-50', AMOUNT.notPositive],
    ['12.345', AMOUNT.tooManyDecimals],
    ['abc', AMOUNT.notNumber],
    ['1000000.01', AMOUNT.tooLarge],
  ])('“%s” stays as typed, with the contract’s message', (typed, message) => {
    render(<TillAmount />)
    expect(typeInto(typed)).toMatchObject({ shown: typed, message })
  })

  it('empty says nothing yet; 88.5 is taken', () => {
    render(<TillAmount />)
    expect(typeInto('')).toMatchObject({ shown: '', message: null })
    expect(typeInto('88.5')).toMatchObject({ shown: '88.5', message: null })
  })
})
