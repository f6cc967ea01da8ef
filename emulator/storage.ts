import { createHash, createHmac, randomBytes } from 'node:crypto'
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

  /** The file ID a file stored at `cloudPath` gets; throws for a path outside the folder. */
  fileId(cloudPath: string): string {
    // A URL could not carry them: the temporary URL holds the path as it is.
    if (/[?#]/.test(cloudPath) || [...cloudPath].some((char) => char < ' ')) throw new Error(`invalid cloud path: ${cloudPath}`)
    this.resolve(cloudPath)
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

/** An upload the SDK asked for (`storage.getUploadMetadata`) and has not made yet. */
interface PendingUpload {
  cloudPath: string
  expiresAt: number
}

export interface StorageAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Uploads asked for and not made are kept at most this many; the oldest go first. */
const MAX_PENDING_UPLOADS = 1_000
/** How long an upload URL stays good, as COS's signed upload URLs (10 minutes). */
const UPLOAD_WINDOW_MS = 10 * 60 * 1000
/** getTempFileURL without a maxAge: the emulator's default (seconds). */
export const DEFAULT_TEMP_URL_MAX_AGE = 7_200

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Cloud storage as the SDK reaches it: the TCB actions (`storage.getUploadMetadata`,
 * `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`) and the object URLs they hand out — the
 * signed upload URL the SDK PUTs the file to, and the temporary download URLs, valid `maxAge`
 * seconds on the emulated clock. Both are served by the emulator at `<origin>/storage/object/<path>`.
 */
export class StorageEndpoint {
  private readonly pending = new Map<string, PendingUpload>()
  private readonly secret = randomBytes(16)

  constructor(
    readonly storage: LocalStorage,
    /** The emulator's origin (`http://127.0.0.1:<port>`), known once it listens. */
    private readonly origin: () => string,
    private readonly now: () => Date,
  ) {}

  /** One TCB `storage.*` action; the answer is what the TCB endpoint would put in `data`, or throws an InvalidStorageRequest. */
  action(action: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(body.path)
      case 'storage.batchGetDownloadUrl':
        return { download_list: list(body.file_list).map((file) => this.downloadUrl(file)) }
      case 'storage.batchDeleteFile':
        return {
          delete_list: list(body.fileid_list).map((fileID) => {
            if (typeof fileID !== 'string') return { fileID, code: 'INVALID_PARAM', message: 'fileID must be a string' }
            return this.safely(() => this.storage.remove(fileID)) ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not exists' }
          }),
        }
      default:
        throw new InvalidStorageRequest(`[emulator] action ${action} is not emulated`)
    }
  }

  /** `PUT`, `GET` or `HEAD` of `/storage/object/<path>`, answered as COS answers (XML errors). */
  object(method: string, url: string, headers: Record<string, string | string[] | undefined>, body: Buffer): StorageAnswer {
    const parsed = new URL(url, 'http://local')
    let cloudPath: string
    try {
      cloudPath = decodeURIComponent(parsed.pathname.slice('/storage/object/'.length))
    } catch {
      return cosError(400, 'InvalidURI', 'the object key is not a valid URI')
    }
    if (method === 'PUT') {
      const token = headers['x-cos-security-token']
      const upload = typeof token === 'string' ? this.pending.get(token) : undefined
      if (!upload || upload.cloudPath !== cloudPath || upload.expiresAt < this.now().getTime()) {
        return cosError(403, 'AccessDenied', 'the upload is not one getUploadMetadata signed, or its window has passed')
      }
      this.pending.delete(token as string)
      this.storage.put(cloudPath, body)
      return { status: 200, headers: { etag: `"${createHash('md5').update(body).digest('hex')}"` }, body: Buffer.alloc(0) }
    }
    if (method !== 'GET' && method !== 'HEAD') return cosError(405, 'MethodNotAllowed', `${method} is not allowed here`)
    const expires = Number(parsed.searchParams.get('t'))
    if (parsed.searchParams.get('sign') !== this.sign(cloudPath, expires)) return cosError(403, 'AccessDenied', 'the URL is not signed by this storage')
    if (!(expires * 1000 > this.now().getTime())) return cosError(403, 'AccessDenied', 'the temporary URL has expired')
    const content = this.safely(() => this.storage.get(cloudPath))
    if (!content) return cosError(404, 'NoSuchKey', 'the specified key does not exist')
    const type = CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
    // Temporary URLs are fetched by pages on another origin (an avatar, an export), as from COS.
    const answerHeaders: Record<string, string> = { 'content-type': type, 'content-length': String(content.length), 'access-control-allow-origin': '*' }
    // An export downloads under its own (Chinese) name.
    if (type.startsWith('text/csv')) answerHeaders['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(cloudPath))}`
    return { status: 200, headers: answerHeaders, body: method === 'HEAD' ? Buffer.alloc(0) : content }
  }

  private uploadMetadata(cloudPath: unknown): Record<string, unknown> {
    if (typeof cloudPath !== 'string') throw new InvalidStorageRequest('path is required')
    // Refused now rather than at the upload: the path must stay inside the storage folder.
    const fileId = this.storage.fileId(cloudPath)
    const token = randomBytes(12).toString('hex')
    this.pending.set(token, { cloudPath, expiresAt: this.now().getTime() + UPLOAD_WINDOW_MS })
    if (this.pending.size > MAX_PENDING_UPLOADS) this.pending.delete(this.pending.keys().next().value as string)
    return {
      url: `${this.origin()}/storage/object/${cloudPath.split('/').map(encodeURIComponent).join('/')}`,
      token,
      authorization: `q-sign-algorithm=emulator&q-signature=${token}`,
      fileId,
      cosFileId: token,
    }
  }

  private downloadUrl(file: unknown): Record<string, unknown> {
    const { fileid, max_age } = (file && typeof file === 'object' ? file : {}) as { fileid?: unknown; max_age?: unknown }
    if (typeof fileid !== 'string') return { fileID: fileid, code: 'INVALID_PARAM', tempFileURL: '' }
    const maxAge = typeof max_age === 'number' && max_age > 0 ? Math.floor(max_age) : DEFAULT_TEMP_URL_MAX_AGE
    const cloudPath = fileid.replace(/^cloud:\/\/[^/]+\//, '')
    if (!this.safely(() => this.storage.get(fileid))) return { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', message: 'file not exists', tempFileURL: '' }
    const expires = Math.floor(this.now().getTime() / 1000) + maxAge
    // The path is left as it is (the SDK encodeURI()s it before fetching, and so does a browser).
    const tempFileURL = `${this.origin()}/storage/object/${cloudPath}?sign=${this.sign(cloudPath, expires)}&t=${expires}`
    return { fileID: fileid, code: 'SUCCESS', tempFileURL, maxAge }
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\u0000${expires}`).digest('hex').slice(0, 32)
  }

  /** A file ID outside the storage folder is one that does not exist. */
  private safely<T>(read: () => T): T | null {
    try {
      return read()
    } catch {
      return null
    }
  }
}

/** A storage action WeChat would refuse (`INVALID_PARAM`). */
export class InvalidStorageRequest extends Error {}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new InvalidStorageRequest('the file list must be an array')
  return value
}

function cosError(status: number, code: string, message: string): StorageAnswer {
  const requestId = randomBytes(8).toString('hex')
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <Resource></Resource>\n  <RequestId>${requestId}</RequestId>\n  <TraceId>${requestId}</TraceId>\n</Error>`
  return { status, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) }
}
