import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './functions'

/**
 * The first of `sources` (paths under the project root; folders are walked, node_modules and dot
 * entries skipped) changed after `builtAt` (ms), relative to the root, or null: what makes a build stale.
 */
export function firstNewerSource(sources: readonly string[], builtAt: number): string | null {
  for (const source of sources) {
    const newer = firstNewer(path.join(ROOT, source), builtAt)
    if (newer) return path.relative(ROOT, newer)
  }
  return null
}

function firstNewer(target: string, than: number): string | null {
  if (!existsSync(target)) return null
  const stat = statSync(target)
  // A directory's own mtime moves when a file in it is added, removed or renamed.
  if (stat.mtimeMs > than) return target
  if (!stat.isDirectory()) return null
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const found = firstNewer(path.join(target, entry.name), than)
    if (found) return found
  }
  return null
}
