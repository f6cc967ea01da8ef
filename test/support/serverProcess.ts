import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'

export interface ServerProcess {
  child: ChildProcess
  pid: number
  port: number
  url: string
  /** Everything the child wrote to stderr (crash reports, function errors). */
  stderr(): string
  /** Whether the process is still running. */
  alive(): boolean
  /** Resident set size in bytes, read from /proc. */
  rss(): number
  /** POST a function call as the H5 app does; `headers` may set or omit X-WX-OPENID. A string or Buffer body is sent as it is. */
  call(fn: string, body: unknown, headers?: Record<string, string>): Promise<Answer>
  /** Any request to the dev server. */
  request(method: string, pathname: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Answer>
  /** SIGKILL, no chance to flush anything: what a crash or `kill -9` does. */
  kill(): Promise<void>
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>
}

export interface Answer {
  /** HTTP status; 0 when the connection failed without an answer. */
  status: number
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown
  /** The socket error when there was no answer. */
  error?: string
}

export interface ServerProcessOptions {
  /** Keep the database here (as npm start keeps .local/db); in memory when absent. */
  db?: string
  seed?: boolean
  functionsDir?: string
  instances?: number
  timeoutScale?: number
  /** Journal segment size at which the database compacts (small values make compactions happen mid-test). */
  compactAtBytes?: number
  /** Reclaim function instances idle this long (the emulator's default is 60 s). */
  idleInstanceMs?: number
  /** Refuse queries no declared index serves, as the function tests do (default true). */
  strictIndexes?: boolean
}

/** Starts test/support/serverMain.ts in a child process and resolves once it answers. */
export function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL would orphan.
  const args = ['--import', 'tsx', path.join(__dirname, 'serverMain.ts'), '--functions', options.functionsDir ?? TEST_FUNCTIONS_OUTPUT]
  if (options.db) args.push('--db', options.db)
  if (options.seed) args.push('--seed')
  if (options.compactAtBytes) args.push('--compact-at', String(options.compactAtBytes))
  if (options.idleInstanceMs) args.push('--idle-ms', String(options.idleInstanceMs))
  if (options.strictIndexes ?? true) args.push('--strict-indexes')
  args.push('--instances', String(options.instances ?? 4), '--timeout-scale', String(options.timeoutScale ?? 5))
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  let exited = false
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())))
  return new Promise((resolve, reject) => {
    let stdout = ''
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"ready"'))
      if (!line) return
      child.stdout!.off('data', onData)
      const { port } = JSON.parse(line) as { port: number }
      const url = `http://127.0.0.1:${port}`
      resolve({
        child,
        pid: child.pid!,
        port,
        url,
        stderr: () => stderr,
        alive: () => !exited,
        rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
        call: (fn, body, headers = {}) =>
          request(port, 'POST', `/api/functions/${fn}`, typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), { 'content-type': 'application/json', ...headers }),
        request: (method, pathname, body, headers) => request(port, method, pathname, body, headers),
        async kill() {
          if (!exited) child.kill('SIGKILL')
          await exit
        },
        async stop() {
          if (!exited) child.kill('SIGTERM')
          await exit
        },
      })
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before it was ready:\n${stderr}`)))
  })
}

/** One request on its own connection (no keep-alive agent left holding the test process open). */
function request(port: number, method: string, pathname: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = text
        try {
          parsed = JSON.parse(text)
        } catch {
          // not JSON: the caller sees the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, body: null, error: error.message }))
    })
    req.on('error', (error) => resolve({ status: 0, body: null, error: error.message }))
    if (body !== undefined) req.write(body)
    req.end()
  })
}
