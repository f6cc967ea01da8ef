/**
 * 商品分类, the owner's editor: the list as loaded (or the error with 重试), a repeat or an empty
 * entry said beside it before anything is sent, and 保存 sending the trimmed list whole after asking.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { CategoriesView } from '../../client/admin/pages/categories/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { modals, toasts } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const DEFAULT = { categories: ['咖啡', '茶饮', '烘焙', '轻食', '周边'], custom: false, updatedAt: null }
const inputs = () => screen.getAllByTestId('category-input') as HTMLInputElement[]
const calls = (action: string) => server.mock.calls.filter(([, called]) => called === action)

beforeEach(() => server.mockReset())

it('says what failed to load and loads again on 重试', async () => {
  server.mockRejectedValueOnce(new CloudError({ code: 'INTERNAL', message: '网络异常，请重试' })).mockResolvedValueOnce(DEFAULT)
  render(<CategoriesView />)
  expect(screen.getByTestId('loading')).toBeTruthy()
  await screen.findByText('网络异常，请重试')
  fireEvent.click(screen.getByText('重试'))
  await screen.findByTestId('categories-editor')
  expect(inputs().map((input) => input.value)).toEqual(DEFAULT.categories)
  expect(screen.getByText(/当前使用默认分类/)).toBeTruthy()
})

it('names a repeat and an empty entry beside it, and sends nothing until they are fixed', async () => {
  server.mockResolvedValue(DEFAULT)
  render(<CategoriesView />)
  await screen.findByTestId('categories-editor')
  fireEvent.click(screen.getByTestId('category-add'))
  expect(screen.getByTestId('category-error').textContent).toBe('请填写商品分类')
  fireEvent.change(inputs()[5], { target: { value: '咖啡' } })
  expect(screen.getByTestId('category-error').textContent).toBe('商品分类「咖啡」重复了')
  fireEvent.click(screen.getByTestId('categories-save'))
  expect(toasts).toContain('商品分类「咖啡」重复了')
  expect(calls('setCategories')).toHaveLength(0)
})

it('saves the trimmed list whole after asking, and shows what the server kept', async () => {
  server.mockImplementation(async (_fn, action, payload) => (action === 'setCategories' ? { categories: payload.categories, custom: true, updatedAt: '2026-11-25T07:00:00.000Z' } : DEFAULT))
  render(<CategoriesView />)
  await screen.findByTestId('categories-editor')
  fireEvent.click(screen.getAllByTestId('category-remove')[4])
  fireEvent.click(screen.getByTestId('category-add'))
  fireEvent.change(inputs()[4], { target: { value: ' 甜品 ' } })
  expect(screen.getByText('商品分类（5/12）')).toBeTruthy()
  fireEvent.click(screen.getByTestId('categories-save'))
  await waitFor(() => expect(calls('setCategories')).toHaveLength(1))
  expect(modals[0].title).toBe('保存商品分类')
  expect(calls('setCategories')[0][2]).toEqual({ categories: ['咖啡', '茶饮', '烘焙', '轻食', '甜品'] })
  await waitFor(() => expect(toasts).toContain('已保存'))
  expect(inputs().map((input) => input.value)).toEqual(['咖啡', '茶饮', '烘焙', '轻食', '甜品'])
  expect(screen.queryByText(/当前使用默认分类/)).toBeNull()
})
