/**
 * The order's lines at 结账 (optional): what the cashier types per line, the total the checkout
 * takes as the amount, and the first line to fix, by its number.
 */
import { useState } from 'react'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { OrderItems, readItems, type ItemDraft } from '../../client/admin/components/till/OrderItems'

function Lines({ serverError }: { serverError?: string }) {
  const [drafts, setDrafts] = useState<ItemDraft[]>([])
  return <OrderItems drafts={drafts} onChange={setDrafts} serverError={serverError} />
}

function addLine(name: string, quantity: string, price: string) {
  fireEvent.click(screen.getByTestId('order-item-add'))
  const row = screen.getAllByTestId('order-item').at(-1)!
  fireEvent.change(within(row).getByTestId('order-item-name'), { target: { value: name } })
  fireEvent.change(within(row).getByTestId('order-item-quantity'), { target: { value: quantity } })
  fireEvent.change(within(row).getByTestId('order-item-price'), { target: { value: price } })
}

describe('the order’s lines', () => {
  it('offers to add them, and adds up what is typed', () => {
    render(<Lines />)
    expect(screen.getByTestId('order-item-add').textContent).toBe('添加商品明细（选填）')
    addLine('手冲咖啡', '2', '45')
    addLine('生日蛋糕', '1', '210')
    expect(screen.getByText('合计 ¥300.00')).toBeTruthy()
    expect(screen.getByTestId('order-item-add').textContent).toBe('再加一行')
    expect(screen.queryByTestId('order-items-error')).toBeNull()
  })

  it('names the first line to fix, and a removed line no longer counts', () => {
    render(<Lines />)
    addLine('手冲咖啡', '2', '45')
    addLine('', '1', '210')
    expect(screen.getByTestId('order-items-error').textContent).toBe('第 2 行：请填写商品名称')
    fireEvent.click(within(screen.getAllByTestId('order-item')[1]).getByTestId('order-item-remove'))
    expect(screen.getByText('合计 ¥90.00')).toBeTruthy()
    expect(screen.queryByTestId('order-items-error')).toBeNull()
  })

  it('shows the server’s word on the lines when they are otherwise fine', () => {
    render(<Lines serverError='第 1 行：商品名称最多 30 个字' />)
    addLine('手冲咖啡', '1', '45')
    expect(screen.getByTestId('order-items-error').textContent).toBe('第 1 行：商品名称最多 30 个字')
  })

  it.each([
    [{ name: '拿铁', quantity: '0', price: '30' }, '第 1 行：数量须为 1–999 的整数'],
    [{ name: '拿铁', quantity: '1.5', price: '30' }, '第 1 行：数量须为 1–999 的整数'],
    [{ name: '拿铁', quantity: '1', price: '-30' }, '第 1 行：金额必须大于 0'],
    [{ name: '拿铁', quantity: '1', price: '' }, '第 1 行：请输入金额'],
  ])('refuses %o: %s', (line, message) => {
    expect(readItems([{ key: 1, ...line }])).toEqual({ lines: null, totalFen: null, error: message })
  })

  it('sends yuan per unit, and totals in fen', () => {
    expect(readItems([{ key: 1, name: ' 拿铁 ', quantity: '3', price: '28.50' }])).toEqual({ lines: [{ name: '拿铁', quantity: 3, price: 28.5 }], totalFen: 8550, error: null })
  })
})
