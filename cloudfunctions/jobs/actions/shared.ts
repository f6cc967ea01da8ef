/** A chain of self re-invocations stops here whatever is left (the next day's timer picks it up). */
export const MAX_ROUNDS = 200

export function triggerOf(round: number): 'on-demand' | 'chain' {
  return round > 0 ? 'chain' : 'on-demand'
}
