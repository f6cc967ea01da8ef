/**
 * `phonenumber.getPhoneNumber` stand-in. WeChat exchanges the one-time code that the
 * `getPhoneNumber` button gave the client; locally the dev build's prompt sends `phone:<digits>`,
 * which answers that number. Anything else is a code WeChat would not know (40029).
 */
export interface PhoneNumberAnswer {
  errCode: number
  errMsg: string
  phoneNumber?: string
}

const STAND_IN_CODE = /^phone:(\+?\d{6,15})$/

export function getPhoneNumber(request: { code?: unknown }): PhoneNumberAnswer {
  const match = typeof request.code === 'string' ? STAND_IN_CODE.exec(request.code) : null
  if (!match) return { errCode: 40029, errMsg: 'invalid code' }
  return { errCode: 0, errMsg: 'ok', phoneNumber: match[1] }
}
