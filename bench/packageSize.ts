import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** Sizes as WeChat counts them at upload: main package, each subpackage, and the total. */
export interface PackageSizes {
  mainBytes: number
  subpackages: Record<string, number>
  totalBytes: number
}

/** Files the upload skips (project.config.json packOptions.ignore). */
const IGNORED = [/\.LICENSE\.txt$/, /(^|\/)project\.config\.json$/, /(^|\/)project\.private\.config\.json$/]

export function measureWeapp(weappDir: string): PackageSizes {
  const appJson = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((entry) => entry.root.replace(/\/?$/, '/'))
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((root) => [root, 0]))
  let mainBytes = 0
  for (const file of walk(weappDir)) {
    const relative = path.relative(weappDir, file).split(path.sep).join('/')
    if (IGNORED.some((pattern) => pattern.test(relative))) continue
    const size = statSync(file).size
    const root = roots.find((candidate) => relative.startsWith(candidate))
    if (root) subpackages[root] += size
    else mainBytes += size
  }
  const totalBytes = mainBytes + Object.values(subpackages).reduce((sum, size) => sum + size, 0)
  return { mainBytes, subpackages, totalBytes }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else yield full
  }
}
