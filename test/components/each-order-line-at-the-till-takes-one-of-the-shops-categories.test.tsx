/**
 * The till's order lines each offer the shop's categories as chips (issue 14: the dashboards'
 * category mix). The list is asked for only once a line is added, so a checkout without lines is as
 * before; a picked category goes with its line, a line without one is sent without; the list failing
 * to load still lets the cashier check out, and a refusal of a category asks for the list again.
 */
import './checkout-store'
import { useState } from 'react'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { CheckoutQuote, CheckoutResult } from '../../cloudfunctions/shared/contract/checkout'
import type { StaffMemberView } from '../../cloudfunctions/shared/contract/member'
import { CheckoutForm } from '../../client/admin/components/till/CheckoutForm'
import { OrderItems, readItems, type ItemDraft } from '../../client/admin/components/till/OrderItems'
import type { CategoryChoices } from '../../client/admin/hooks/useShopCategories'
import type { Till } from '../../client/hooks/useTill'
import { callCloud, CloudError } from '../../client/services/cloud'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const CATEGORIES = { categories: ['咖啡', '茶饮', '烘焙'], custom: true, updatedAt: '2026-11-20T02:00:00.000Z' }
const QUOTE: CheckoutQuote = {
  memberName: '林晓雨',
  cardNo: '1006646713',
  tier: 'silver',
  tierName: '银卡',
  discountPercent: 0,
  pointsBalance: 0,
  pointsPerCashYuan: 100,
  maxCashShare: 0.5,
  pointsPerPaidYuan: 1,
  coupons: [],
}
const RESULT: CheckoutResult = {
  orderNo: 'R-1',
  memberName: '林晓雨',
  cardNo: '1006646713',
  price: { amountFen: 9400, tierDiscountFen: 0, couponDiscountFen: 0, maxPoints: 0, pointsUsed: 0, cashFen: 0, payableFen: 9400 },
  coupon: null,
  pointsEarned: 94,
  pointsBalance: 94,
  duplicate: false,
  tierChange: null,
}

function tillWith(memberCode: string): Till {
  const member = { name: '林晓雨', cardNo: '1006646713', tier: 'silver', tierName: '银卡', pointsBalance: 0, discountPercent: 0 } as StaffMemberView
  return { member, memberCode, scan: jest.fn(), scanning: false, clear: jest.fn(), setBalance: jest.fn(), redeemAtTill: jest.fn() } as unknown as Till
}

const calls = (action: string) => server.mock.calls.filter(([, called]) => called === action)
const rows = () => screen.getAllByTestId('order-item')
const chip = (row: HTMLElement, name: string) =>
  within(row)
    .getAllByTestId('order-item-category')
    .find((element) => element.textContent === name)!
const picked = (row: HTMLElement) =>
  within(row)
    .queryAllByTestId('order-item-category')
    .filter((element) => element.classList.contains('order-items__chip--on'))
    .map((element) => element.textContent)

function addLine(name: string, quantity: string, price: string) {
  fireEvent.click(screen.getByTestId('order-item-add'))
  const row = rows().at(-1)!
  fireEvent.change(within(row).getByTestId('order-item-name'), { target: { value: name } })
  fireEvent.change(within(row).getByTestId('order-item-quantity'), { target: { value: quantity } })
  fireEvent.change(within(row).getByTestId('order-item-price'), { target: { value: price } })
  return row
}

beforeEach(() => server.mockReset())

describe('the category chips of a line', () => {
  function Lines({ categories }: { categories: CategoryChoices }) {
    const [drafts, setDrafts] = useState<ItemDraft[]>([])
    return <OrderItems drafts={drafts} onChange={setDrafts} categories={categories} />
  }
  const ready: CategoryChoices = { status: 'ready', names: CATEGORIES.categories, retry: jest.fn() }

  it('offer every category; a tap picks one, a second tap on it leaves the line 未分类', () => {
    render(<Lines categories={ready} />)
    const row = addLine('拿铁', '1', '30')
    expect(
      within(row)
        .getAllByTestId('order-item-category')
        .map((element) => element.textContent),
    ).toEqual(['咖啡', '茶饮', '烘焙'])
    expect(picked(row)).toEqual([])
    fireEvent.click(chip(row, '咖啡'))
    expect(picked(row)).toEqual(['咖啡'])
    fireEvent.click(chip(row, '烘焙'))
    expect(picked(row)).toEqual(['烘焙'])
    fireEvent.click(chip(row, '烘焙'))
    expect(picked(row)).toEqual([])
  })

  it('say so while the list loads, and offer a retry when it fails', () => {
    const retry = jest.fn()
    const { rerender } = render(<Lines categories={{ status: 'loading' }} />)
    addLine('拿铁', '1', '30')
    expect(screen.getByTestId('order-item-categories-loading').textContent).toBe('正在加载商品分类…')
    rerender(<Lines categories={{ status: 'error', message: '网络异常', retry }} />)
    const failed = screen.getByTestId('order-item-categories-error')
    expect(failed.textContent).toContain('商品分类加载失败，可不选分类结账')
    fireEvent.click(within(failed).getByText('重试'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('send a line’s category only while the shop’s list has it', () => {
    const drafts: ItemDraft[] = [
      { key: 1, name: '拿铁', quantity: '2', price: '30', category: '咖啡' },
      { key: 2, name: '贝果', quantity: '1', price: '18', category: '面包' },
      { key: 3, name: '纸袋', quantity: '1', price: '1', category: null },
    ]
    expect(readItems(drafts, CATEGORIES.categories)).toEqual({
      lines: [
        { name: '拿铁', quantity: 2, price: 30, category: '咖啡' },
        { name: '贝果', quantity: 1, price: 18 },
        { name: '纸袋', quantity: 1, price: 1 },
      ],
      totalFen: 7900,
      error: null,
    })
  })
})

describe('the checkout with lines', () => {
  it('asks for nothing more when no line is added', async () => {
    server.mockImplementation(async (_fn, action) => (action === 'quote' ? QUOTE : RESULT))
    render(<CheckoutForm till={tillWith('code-1')} />)
    fireEvent.change(screen.getByTestId('checkout-amount'), { target: { value: '94' } })
    await waitFor(() => expect(screen.getByTestId('checkout-submit').textContent).toBe('确认结账 ¥94.00'))
    fireEvent.click(screen.getByTestId('checkout-submit'))
    await screen.findByTestId('checkout-receipt')
    expect(calls('categories')).toHaveLength(0)
    expect(calls('checkout').at(-1)?.[2]).not.toHaveProperty('items')
  })

  it('loads the list once the first line is added, and sends each line with the category picked', async () => {
    server.mockImplementation(async (_fn, action) => (action === 'categories' ? CATEGORIES : action === 'quote' ? QUOTE : RESULT))
    render(<CheckoutForm till={tillWith('code-1')} />)
    const coffee = addLine('手冲咖啡', '2', '32')
    await waitFor(() => expect(within(coffee).getAllByTestId('order-item-category')).toHaveLength(3))
    fireEvent.click(chip(coffee, '咖啡'))
    addLine('纸袋', '1', '30')
    expect(calls('categories')).toHaveLength(1)
    await waitFor(() => expect(screen.getByTestId('checkout-submit').textContent).toBe('确认结账 ¥94.00'))
    fireEvent.click(screen.getByTestId('checkout-submit'))
    await screen.findByTestId('checkout-receipt')
    expect(calls('checkout').at(-1)?.[2]).toMatchObject({
      amount: 94,
      items: [
        { name: '手冲咖啡', quantity: 2, price: 32, category: '咖啡' },
        { name: '纸袋', quantity: 1, price: 30 },
      ],
    })
  })

  it('shows the server’s refusal of a category under the lines and loads the list again', async () => {
    const refusal = '第 1 行的商品分类「咖啡」不在本店的分类中，请刷新后重选'
    server.mockImplementation(async (_fn, action) => {
      if (action === 'categories') return calls('categories').length === 1 ? CATEGORIES : { ...CATEGORIES, categories: ['茶饮', '烘焙'] }
      if (action === 'quote') return QUOTE
      throw new CloudError({ code: 'INVALID_INPUT', message: refusal, fields: [{ path: 'items', message: refusal }] })
    })
    render(<CheckoutForm till={tillWith('code-1')} />)
    const row = addLine('拿铁', '1', '30')
    await waitFor(() => expect(within(row).getAllByTestId('order-item-category')).toHaveLength(3))
    fireEvent.click(chip(row, '咖啡'))
    await waitFor(() => expect(screen.getByTestId('checkout-submit').textContent).toBe('确认结账 ¥30.00'))
    fireEvent.click(screen.getByTestId('checkout-submit'))
    await waitFor(() => expect(screen.getByTestId('order-items-error').textContent).toBe(refusal))
    await waitFor(() =>
      expect(
        within(rows()[0])
          .getAllByTestId('order-item-category')
          .map((element) => element.textContent),
      ).toEqual(['茶饮', '烘焙']),
    )
    expect(calls('categories')).toHaveLength(2)
    expect(picked(rows()[0])).toEqual([])
  })
})
