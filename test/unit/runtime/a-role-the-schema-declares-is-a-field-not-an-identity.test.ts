import { z } from 'zod'
import { invitePayload, updateStaffPayload } from '../../../cloudfunctions/shared/contract/staff'
import { parsePayload } from '../../../cloudfunctions/shared/runtime/validate'

/**
 * Identity keys (`openid`, `role`, …) are dropped from payloads, since identity comes only from
 * getWXContext(); but an invitation's or a staff change's `role` is the role offered, a field its
 * schema declares, and is kept for the schema to judge.
 */
describe('identity keys in a payload', () => {
  it('are dropped when the schema does not declare them', () => {
    const echo = z.strictObject({ text: z.string() })
    expect(parsePayload(echo, { text: 'x', role: 'owner', openid: 'o-fake', _openid: 'o-fake' })).toEqual({ text: 'x' })
  })

  it('are kept, and judged, when the schema declares them as its own field', () => {
    expect(parsePayload(invitePayload, { role: 'cashier', storeId: 'store-001', requestId: 'tap-12345678', openid: 'o-fake' })).toEqual({
      role: 'cashier',
      storeId: 'store-001',
      requestId: 'tap-12345678',
    })
    expect(parsePayload(updateStaffPayload, { staffOpenid: 'staff-123', role: 'service' })).toEqual({ staffOpenid: 'staff-123', role: 'service' })
    expect(() => parsePayload(invitePayload, { role: 'owner', storeId: 'store-001', requestId: 'tap-12345678' })).toThrow('请选择角色')
  })
})
