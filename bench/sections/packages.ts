import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ROOT } from '../../scripts/functions'
import { measureWeapp } from '../packageSize'
import type { BenchSection } from '../types'

const MB = 1024 * 1024
const MAIN_GOAL_BYTES = 512 * 1024
const SUBPACKAGE_GOALS: Record<string, number> = { 'insight/': 700 * 1024 }
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Package sizes of a fresh production weapp build, as WeChat counts them at upload. */
export const packages: BenchSection = {
  name: 'packages',
  async run() {
    console.log('building the weapp package…')
    const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })
    if (build.status !== 0) throw new Error(`weapp build failed:\n${build.stdout}\n${build.stderr}`)
    const sizes = measureWeapp(path.join(ROOT, 'dist', 'weapp'))
    const rows = [
      { figure: 'weapp main package', value: kb(sizes.mainBytes), goal: `≤ ${kb(MAIN_GOAL_BYTES)} (limit 2 MB)`, met: sizes.mainBytes <= MAIN_GOAL_BYTES },
      ...Object.entries(sizes.subpackages).map(([root, bytes]) => {
        // The 数据 pages carry the chart library: their own, tighter goal (issue 14).
        const goal = SUBPACKAGE_GOALS[root] ?? 2 * MB
        return { figure: `weapp subpackage ${root}`, value: kb(bytes), goal: goal < 2 * MB ? `≤ ${kb(goal)}` : '≤ 2 MB', met: bytes <= goal }
      }),
      { figure: 'weapp total', value: kb(sizes.totalBytes), goal: '≤ 20 MB', met: sizes.totalBytes <= 20 * MB },
    ]
    const over = sizes.mainBytes > 2 * MB || sizes.totalBytes > 20 * MB || Object.values(sizes.subpackages).some((bytes) => bytes > 2 * MB)
    return { rows, results: { weapp: sizes }, overHardLimit: over ? 'a package is over WeChat’s size limit' : undefined }
  },
}
