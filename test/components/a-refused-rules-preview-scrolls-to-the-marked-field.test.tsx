/**
 * The rules editor, refused: by its own check (nothing is sent) or by the server's (its field
 * message lands on the field). Either way the field is marked and the page is asked to scroll to
 * the first marked field, instead of a toast about a field scrolled off screen.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CallEvent } from '../../cloudfunctions/shared/contract/actions'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import { TIER_THRESHOLD } from '../../cloudfunctions/shared/contract/rulesFields'
import type { RulesOverview } from '../../cloudfunctions/shared/contract/tiers'
import { DEFAULT_RULES, draftOf } from '../../cloudfunctions/shared/domain/rules'
import RulesPage from '../../client/admin/pages/rules/index'
import { scrolls, toasts } from './support/taro'

const overview: RulesOverview = { active: { version: 3, draft: draftOf(DEFAULT_RULES), explanation: '', publishedAt: null }, history: [] }
const mockSent: CallEvent[] = []
const mockAnswers: { preview: Envelope<unknown> } = { preview: { ok: false, error: { code: 'INTERNAL', message: '未设置' } } }

jest.mock('../../client/services/transport', () => ({
  transport: async (fn: string, event: CallEvent) => {
    mockSent.push(event)
    if (fn === 'staff') return { ok: true, data: { role: 'owner' } }
    if (event.action === 'rules') return { ok: true, data: overview }
    return mockAnswers.preview
  },
}))

beforeEach(() => {
  mockSent.length = 0
})

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement
const markedFields = () => [...document.querySelectorAll('.form-field--invalid')].map((field) => field.querySelector('[data-testid="field-error"]')?.textContent)
const INVALID_FIELD = '.rules-page .form-field--invalid'

it('marks a threshold it cannot take as it is typed, and on 预览 sends nothing and scrolls to it', async () => {
  render(<RulesPage />)
  await screen.findByTestId('rules-editor')
  fireEvent.change(input('rules-tier-2-threshold'), { target: { value: '-50' } })
  expect(input('rules-tier-2-threshold').value).toBe('-50')
  expect(markedFields()).toEqual([TIER_THRESHOLD.spend.message])

  fireEvent.click(screen.getByTestId('rules-preview-button'))
  await waitFor(() => expect(scrolls).toEqual([{ selector: INVALID_FIELD, scrollTop: undefined }]))
  expect(mockSent.map((event) => event.action)).not.toContain('preview')
  expect(toasts).toEqual([TIER_THRESHOLD.spend.message])
})

it('puts the server’s refusal on its field and scrolls to it', async () => {
  mockAnswers.preview = { ok: false, error: { code: 'INVALID_INPUT', message: '金卡名称已被使用', fields: [{ path: 'draft.tiers.2.name', message: '金卡名称已被使用' }] } }
  render(<RulesPage />)
  await screen.findByTestId('rules-editor')
  expect(markedFields()).toEqual([])

  fireEvent.click(screen.getByTestId('rules-preview-button'))
  await waitFor(() => expect(markedFields()).toEqual(['金卡名称已被使用']))
  await waitFor(() => expect(scrolls).toEqual([{ selector: INVALID_FIELD, scrollTop: undefined }]))
  expect(document.querySelector('.form-field--invalid')?.id).toBe('rules-tiers-2-name')
})
