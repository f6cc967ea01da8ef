import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * Cloud storage as a folder: `cloud://<env>.<bucket>/<cloudPath>` file IDs, like WeChat's, mapped
 * to files under `root`. In memory-only runs (tests) the root is a fresh temp folder.
 */
export class LocalStorage {
  readonly root: string

  /** `bucket` is the `<env>.<bucket>` part of the file IDs this storage hands out. */
  constructor(
    root?: string,
    readonly bucket = 'local.local-bucket',
  ) {
    this.root = root ?? mkdtempSync(path.join(os.tmpdir(), 'wx-emulator-storage-'))
    mkdirSync(this.root, { recursive: true })
  }

  put(cloudPath: string, content: Buffer): string {
    const file = this.resolve(cloudPath)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
    return `cloud://${this.bucket}/${cloudPath}`
  }

  get(fileID: string): Buffer | null {
    const file = this.resolve(fileID.replace(/^cloud:\/\/[^/]+\//, ''))
    return existsSync(file) ? readFileSync(file) : null
  }

  /** Like WeChat's deleteFile: false for a file that is not there (nothing to delete). */
  remove(fileID: string): boolean {
    const file = this.resolve(fileID.replace(/^cloud:\/\/[^/]+\//, ''))
    if (!existsSync(file)) return false
    rmSync(file)
    return true
  }

  private resolve(cloudPath: string): string {
    const file = path.resolve(this.root, cloudPath)
    if (!file.startsWith(this.root + path.sep) || cloudPath.length === 0) throw new Error(`invalid cloud path: ${cloudPath}`)
    return file
  }
}
