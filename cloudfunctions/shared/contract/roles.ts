/** Staff roles, most powerful first. Members have no role. */
export const ROLES = ['owner', 'admin', 'cashier', 'marketing', 'service'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  owner: '店主',
  admin: '管理员',
  cashier: '收银员',
  marketing: '营销',
  service: '客服',
}
