/**
 * `npm run upload:weapp -- --version 1.2.0 --desc "会员通 1.2.0"` uploads the built mini-program
 * (dist/weapp/) with miniprogram-ci as a development version; `--preview` prints a preview QR code
 * in the terminal instead. The AppID comes from project.config.json, the upload key's path from
 * HUIYUAN_UPLOAD_KEY (公众平台 → 开发管理 → 小程序代码上传密钥; never committed). Build first:
 * `TARO_APP_CLOUD_ENV=<env-id> npm run build:weapp`.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './functions'

export interface UploadArgs {
  version: string
  desc: string
  preview: boolean
}

export function parseUploadArgs(argv: string[]): UploadArgs {
  const value = (flag: string) => {
    const at = argv.indexOf(flag)
    return at >= 0 ? argv[at + 1] : undefined
  }
  const preview = argv.includes('--preview')
  const version = value('--version') ?? (preview ? '0.0.0' : undefined)
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error('--version: a version such as 1.2.0 is required')
  const desc = value('--desc') ?? `会员通 ${version}`
  if (desc.length > 100) throw new Error('--desc: at most 100 characters')
  return { version, desc, preview }
}

/** The AppID to upload for, refused while it is still DevTools' tourist one. */
export function appIdOf(projectConfig: { appid?: string }): string {
  const appid = projectConfig.appid ?? ''
  if (!/^wx[0-9a-f]{16}$/.test(appid)) throw new Error(`project.config.json: appid "${appid}" is not a mini-program AppID (replace touristappid with yours)`)
  return appid
}

async function main() {
  const args = parseUploadArgs(process.argv.slice(2))
  const appid = appIdOf(JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string })
  const privateKeyPath = process.env.HUIYUAN_UPLOAD_KEY
  if (!privateKeyPath || !existsSync(privateKeyPath)) throw new Error('HUIYUAN_UPLOAD_KEY: the path of the upload key (private.<appid>.key) is required')
  const projectPath = path.join(ROOT, 'dist', 'weapp')
  if (!existsSync(path.join(projectPath, 'app.json'))) throw new Error('dist/weapp is not built: run npm run build:weapp first')
  const ci = await import('miniprogram-ci')
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] })
  const setting = { es6: false, minify: false }
  if (args.preview) {
    await ci.preview({ project, version: args.version, desc: args.desc, setting, qrcodeFormat: 'terminal' })
    return
  }
  const result = await ci.upload({ project, version: args.version, desc: args.desc, setting })
  console.log(`已上传 ${appid} ${args.version}：${JSON.stringify(result.subPackageInfo ?? [])}`)
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
