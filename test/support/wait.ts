/** Polls until `condition` holds (no fixed sleeps in tests). */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The value once two readings 100 ms apart agree (a commit already on the wire still lands). */
export async function settled(read: () => number): Promise<number> {
  let previous = read()
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const current = read()
    if (current === previous) return current
    previous = current
  }
}
