/** The rules editor's tier fields: nothing typed is cut short or dropped, and each problem shows under its field in the contract's words. */
import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { HEX_COLOR } from '../../cloudfunctions/shared/contract/fields'
import { TIER_NAME, TIER_THRESHOLD } from '../../cloudfunctions/shared/contract/rulesFields'
import type { TierForm } from '../../client/admin/pages/rules/draftForm'
import { TierFields } from '../../client/admin/pages/rules/TierFields'

const SILVER: TierForm = {
  id: 'silver',
  color: '#8d97a5',
  name: '银卡',
  threshold: '1000',
  pointsMultiplier: '1.2',
  discountPercent: '2',
  birthdayPoints: '100',
  birthdayCoupon: null,
  prioritySignup: false,
}

function Tier() {
  const [tier, setTier] = useState(SILVER)
  return <TierFields tier={tier} index={1} basis='spend' errorAt={() => undefined} attempted={false} onChange={(patch) => setTier((current) => ({ ...current, ...patch }))} />
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement
const type = (testId: string, text: string) => fireEvent.change(input(testId), { target: { value: text } })
const messages = () => screen.queryAllByTestId('field-error').map((error) => error.textContent)

it('starts from valid rules with nothing marked', () => {
  render(<Tier />)
  expect(messages()).toEqual([])
})

it('keeps a name past the limit whole and says the limit', () => {
  render(<Tier />)
  type('rules-tier-1-name', '超级无敌银卡会员等级')
  expect(input('rules-tier-1-name').value).toBe('超级无敌银卡会员等级')
  expect(messages()).toEqual([TIER_NAME.tooLong])
})

it('keeps "-50" as a threshold and marks it', () => {
  render(<Tier />)
  type('rules-tier-1-threshold', '-50')
  expect(input('rules-tier-1-threshold').value).toBe('-50')
  expect(messages()).toEqual([TIER_THRESHOLD.spend.message])
})

it('takes a colour from a swatch or as typed, and refuses one that is not #RRGGBB', () => {
  const { container } = render(<Tier />)
  type('rules-tier-1-color', '#12')
  expect(messages()).toEqual([HEX_COLOR.invalid])
  fireEvent.click(container.querySelectorAll('.rules-color__swatch')[2])
  expect(input('rules-tier-1-color').value).toBe('#c8963e')
  expect(container.querySelector('.rules-color__swatch--on')).toBe(container.querySelectorAll('.rules-color__swatch')[2])
  expect(messages()).toEqual([])
})
