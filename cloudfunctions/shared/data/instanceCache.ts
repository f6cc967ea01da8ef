/**
 * A value an instance keeps for `ttlMs` after reading it (the rules, the SLA settings): settings
 * read by nearly every call and changed rarely, so a change reaches every instance within the TTL
 * and the calls stay free of the read. A clock that moved back reads again.
 */
export function instanceCache<T>(ttlMs: number) {
  let held: { value: T; readAt: number } | null = null
  return {
    async get(now: Date, read: () => Promise<T>): Promise<T> {
      const at = now.getTime()
      if (held && at - held.readAt < ttlMs && at >= held.readAt) return held.value
      const value = await read()
      held = { value, readAt: at }
      return value
    },
    /** After this instance changed the value, it should not wait out its own cache. */
    forget(): void {
      held = null
    },
  }
}
