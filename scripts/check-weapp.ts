/**
 * Part of `npm test`: builds the weapp package and checks what must hold for upload: the package
 * sizes (scripts/platform/packageSizes.ts), the tabBar, and no local-only code (identity switcher, HTTP gateway).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { measureWeapp } from '../bench/packageSize'
import { ROOT } from './functions'
import { packageSizeProblems } from './platform/packageSizes'
import { tabBarProblems, type AppPages } from './platform/tabBar'

const DEV_ONLY_MARKERS = ['切换身份', 'x-wx-openid', '/api/functions', '/api/dev/', 'huiyuan.devIdentity']
const weappDir = path.join(ROOT, 'dist', 'weapp')

const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })
if (build.status !== 0) {
  console.error(`weapp build failed:\n${build.stdout}\n${build.stderr}`)
  console.log('weapp: 0 passed, 1 failed')
  process.exit(1)
}

const checks: Array<[name: string, problem: () => string | null]> = [
  [
    'main package within 512 KB (WeChat: 2 MB), each subpackage within 2 MB, all within 20 MB',
    () => {
      const problems = packageSizeProblems(measureWeapp(weappDir))
      return problems.length === 0 ? null : problems.join('; ')
    },
  ],
  [
    'tabBar is 会员卡 / 活动 / 我的, its pages in the main package',
    () => {
      const appJson = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as Omit<AppPages, 'tabBar'> & { tabBar?: { list: Array<{ pagePath: string; text: string }> } }
      const tabs = appJson.tabBar?.list.map((tab) => tab.text).join('/')
      const problems = [...(tabs === '会员卡/活动/我的' ? [] : [`tabBar is ${tabs}`]), ...tabBarProblems(appJson)]
      return problems.length === 0 ? null : problems.join('; ')
    },
  ],
  [
    'no process.env left for the mini-program runtime (it has no process object)',
    () => {
      const leaks = readdirSync(weappDir, { recursive: true, encoding: 'utf8' }).filter(
        (file) => file.endsWith('.js') && /process\.env\.TARO_APP_/.test(readFileSync(path.join(weappDir, file), 'utf8')),
      )
      return leaks.length === 0 ? null : leaks.join(', ')
    },
  ],
  [
    'no dev-only code in the package',
    () => {
      const leaks = readdirSync(weappDir, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(js|wxml|json)$/.test(file))
        .flatMap((file) => DEV_ONLY_MARKERS.filter((marker) => readFileSync(path.join(weappDir, file), 'utf8').includes(marker)).map((marker) => `"${marker}" in ${file}`))
      return leaks.length === 0 ? null : leaks.join(', ')
    },
  ],
]

let failed = 0
for (const [name, problem] of checks) {
  const found = problem()
  if (found) failed++
  console.log(`${found ? '✕' : '✓'} weapp: ${name}${found ? ` — ${found}` : ''}`)
}
console.log(`weapp: ${checks.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
