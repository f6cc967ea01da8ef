/** How contract values read on screen; plain functions the client may import. */

/** `8123 4567 89`: a card number grouped for reading aloud at the till. */
export function formatCardNo(cardNo: string): string {
  return cardNo.replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3')
}

/** `¥1,234.50` from whole fen. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const [yuan, cents] = (Math.abs(fen) / 100).toFixed(2).split('.')
  return `${sign}¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`
}
