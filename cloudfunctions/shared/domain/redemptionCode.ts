/**
 * Redemption codes: 8 characters a cashier can read aloud and type, from an alphabet without
 * look-alikes (no 0/O, 1/I/L). 31^8 ≈ 8.5 × 10^11 codes, so a random clash is vanishingly rare and
 * is retried anyway (the code is the redemption's `_id`).
 */
export const REDEMPTION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export function makeRedemptionCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += REDEMPTION_ALPHABET[Math.floor(random() * REDEMPTION_ALPHABET.length)]
  return code
}
