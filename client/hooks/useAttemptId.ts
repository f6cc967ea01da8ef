import { useRef } from 'react'

/** 8–40 characters of `[A-Za-z0-9_-]`, as the contract's requestId asks. */
export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * One requestId per attempt. A retry of the same attempt (same key: what is being done, for whom)
 * reuses it, so a lost answer followed by a second tap cannot spend twice; once the attempt
 * succeeds (`settle`) or its key changes, the next tap is a new attempt with a new id.
 */
export function useAttemptId() {
  const current = useRef<{ key: string; requestId: string } | null>(null)
  return {
    idFor(key: string): string {
      if (!current.current || current.current.key !== key) current.current = { key, requestId: newRequestId() }
      return current.current.requestId
    },
    settle(): void {
      current.current = null
    },
  }
}
