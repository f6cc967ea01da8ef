/**
 * A campaign message opens its landing page with `?campaign=<id>`; the page tells the server once
 * (marketing.opened), however often it renders, and a failure is never shown.
 */
import { useState } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useCampaignLanding } from '../../client/hooks/useCampaignLanding'
import { callCloud } from '../../client/services/cloud'
import { toasts } from './support/taro'
import { route } from './activity-fixtures'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

function Landing() {
  useCampaignLanding()
  const [taps, setTaps] = useState(0)
  return (
    <button type='button' onClick={() => setTaps(taps + 1)}>
      {taps}
    </button>
  )
}

beforeEach(() => {
  route.params = {}
  server.mockReset().mockResolvedValue(null)
})

it('tells the server the campaign once per page, whatever it renders', async () => {
  route.params = { campaign: 'cmp-winter_01', id: 'act-launch' }
  render(<Landing />)
  fireEvent.click(screen.getByRole('button'))
  fireEvent.click(screen.getByRole('button'))
  await waitFor(() => expect(screen.getByRole('button').textContent).toBe('2'))
  expect(server.mock.calls).toEqual([['marketing', 'opened', { campaignId: 'cmp-winter_01' }]])
})

it('a page opened otherwise, or with a campaign the contract would refuse, tells nothing; a failure shows nothing', async () => {
  render(<Landing />)
  route.params = { campaign: 'not a campaign!' }
  render(<Landing />)
  expect(server).not.toHaveBeenCalled()

  server.mockRejectedValue(new Error('offline'))
  route.params = { campaign: 'cmp-1' }
  render(<Landing />)
  await waitFor(() => expect(server).toHaveBeenCalledTimes(1))
  expect(toasts).toEqual([])
})
