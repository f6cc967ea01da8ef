import { LOCAL_MEMBER_CODE_SECRET, type LocalCloud } from '../../local/cloud'
import { memberFixture } from '../../local/fixtures'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { issueMemberCode } from '../../cloudfunctions/shared/domain/memberCode'

let sequence = 0

/** A member document as join would make it, written straight into the emulator's database. */
export function seedMember(cloud: LocalCloud, openid: string, overrides: Partial<MemberDoc> = {}): MemberDoc {
  const now = cloud.now()
  sequence++
  const member = memberFixture(openid, now, { profile: { name: `会员${sequence}`, gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null }, ...overrides })
  cloud.db.insertMany('members', [member])
  return member
}

export function seedStaff(cloud: LocalCloud, staff: Record<string, 'owner' | 'admin' | 'cashier' | 'marketing' | 'service'>): void {
  cloud.db.insertMany(
    'staff',
    Object.entries(staff).map(([openid, role]) => ({ _id: openid, name: role, role, updatedAt: cloud.now(), updatedBy: null })),
  )
}

/** The live code the member's card would show right now. */
export function memberCodeOf(cloud: LocalCloud, openid: string): string {
  return issueMemberCode(openid, cloud.now(), LOCAL_MEMBER_CODE_SECRET).code
}

/** Σ ledger deltas, Σ lot remainders and the stored balance must always agree. */
export function pointsInvariant(cloud: LocalCloud, openid: string) {
  const [member] = cloud.db.find('members', { _id: openid }) as MemberDoc[]
  const ledgerSum = cloud.db.find('ledger', { openid }).reduce((sum, row) => sum + (row as { delta: number }).delta, 0)
  const lotsSum = member.pointLots.reduce((sum, lot) => sum + lot.remaining, 0)
  return { balance: member.pointsBalance, ledgerSum, lotsSum, negativeLots: member.pointLots.filter((lot) => lot.remaining < 0).length }
}
