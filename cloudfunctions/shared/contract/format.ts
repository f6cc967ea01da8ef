/** How contract values read on screen; plain functions the client may import. */

/** `1,000,000`: thousands grouped without toLocaleString, which some mini-program runtimes do not group. */
export function groupDigits(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`
}

/** `8123 4567 89`: a card number grouped for reading aloud at the till. */
export function formatCardNo(cardNo: string): string {
  return cardNo.replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3')
}

/** `ABCD EFGH`, `ABCDE 23456`: a redemption or coupon code in two halves, read aloud more easily across the counter. */
export function formatCode(code: string): string {
  const half = Math.ceil(code.length / 2)
  return code.length > 1 ? `${code.slice(0, half)} ${code.slice(half)}` : code
}

/** `¥1,234.50` from whole fen. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const [yuan, cents] = (Math.abs(fen) / 100).toFixed(2).split('.')
  return `${sign}¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`
}

/** `¥10`, `¥12.50`: whole yuan without trailing `.00`. */
export function shortYuan(fen: number): string {
  return formatFen(fen).replace(/\.00$/, '')
}

/** `9.5折` for 5 % off, `8折` for 20 % off: how a shop in China says a discount. */
export function formatZhe(percentOff: number): string {
  return `${(100 - percentOff) / 10}折`
}
