/**
 * Card numbers: 10 digits, the last a Luhn check digit, so a mistyped number is caught at the till
 * before it reaches the database. The first digit is never 0 so the number reads the same when a
 * spreadsheet drops leading zeros.
 */
const BODY_LENGTH = 9

export function makeCardNo(random: () => number): string {
  let body = String(1 + Math.floor(random() * 9))
  while (body.length < BODY_LENGTH) body += String(Math.floor(random() * 10))
  return body + luhnDigit(body)
}

export function isValidCardNo(cardNo: string): boolean {
  return /^[1-9]\d{9}$/.test(cardNo) && luhnDigit(cardNo.slice(0, -1)) === cardNo.slice(-1)
}

function luhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return String((10 - (sum % 10)) % 10)
}
