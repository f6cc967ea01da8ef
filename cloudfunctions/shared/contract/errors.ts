/** The closed set of error codes every action may answer with, and the Chinese text a member sees. */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  UNAUTHENTICATED: '无法识别您的身份，请在微信中打开',
  FORBIDDEN: '您没有权限执行此操作',
  NOT_FOUND: '找不到相关记录',
  NOT_MEMBER: '您还不是会员，请先加入',
  CONFLICT: '操作冲突，请刷新后重试',
  INSUFFICIENT_POINTS: '积分不足',
  ACTIVITY_FULL: '活动名额已满',
  IDEMPOTENCY_MISMATCH: '该单号已用于另一笔不同的操作',
  UNKNOWN_ACTION: '不支持的操作',
  INTERNAL: '系统繁忙，请稍后重试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[]

export interface FieldIssue {
  /** Dotted path into the payload, e.g. `birthday` or `items.0.qty`. */
  path: string
  message: string
}

export interface ActionError {
  code: ErrorCode
  message: string
  fields?: FieldIssue[]
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ActionError }
