/** Durable persistence: an append-only journal of commits, fsynced before their answers leave, and
 *  per-collection snapshots that the journal is folded into in the background.
 *
 *  Layout of the directory:
 *  - `<encodeURIComponent(collection)>.json`: a snapshot, `{"collection":…,"docs":[` then one canonical
 *    EJSON document per line, then `]}` (still one JSON value, so older whole-file snapshots load too).
 *  - `journal-<n>.log`: one line per commit, `<checksum> {"w":[[collection, key, doc | null], …]}` or
 *    `<checksum> {"clear":true}`. A commit is one line, so it is either replayed whole or not at all:
 *    a line cut short by a kill fails its checksum and is dropped with everything after it.
 *
 *  Records carry whole documents (post-images), so replaying a journal over a snapshot that already
 *  contains some of it gives the same state: a compaction cut off between renames loses nothing. */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Doc } from './ejson'
import { fromCanonicalEJSON, toCanonicalEJSON } from './ejson'
import { idKey, type CommitRecord, type Store } from './store'

const SNAPSHOT_SUFFIX = '.json'
const SEGMENT = /^journal-(\d+)\.log$/
const TEMP = /\.tmp$/
const LOCK_FILE = 'LOCK'
/** Documents serialised between two yields of the event loop while a snapshot is written in the background. */
const SNAPSHOT_SLICE = 2_000

export interface PersistOptions {
  /** Fold the journal into snapshots once the current segment is this large (bytes). */
  compactAtBytes?: number
}

export interface PersistStats {
  /** Journal lines written and fsynced since start. */
  commits: number
  /** fsync calls: fewer than commits when concurrent commits share one (group commit). */
  syncs: number
  compactions: number
  /** Lines replayed from the journal at start, and torn lines dropped. */
  replayed: number
  dropped: number
}

function checksum(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 10)
}

function segmentName(segmentNumber: number): string {
  return `journal-${String(segmentNumber).padStart(6, '0')}.log`
}

export class Persister {
  private segment = 0
  private segmentBytes = 0
  private fd: number | null = null
  private pending: string[] = []
  private appended = 0
  private synced = 0
  private waiters: Array<{ upTo: number; resolve(): void; reject(error: unknown): void }> = []
  private writing: Promise<void> | null = null
  private compacting: Promise<void> | null = null
  private failure: unknown = null
  /** Collections written since their snapshot. */
  private dirty = new Set<string>()
  private cleared = false
  private closed = false
  private halted = false
  private readonly compactAtBytes: number
  readonly stats: PersistStats = { commits: 0, syncs: 0, compactions: 0, replayed: 0, dropped: 0 }

  constructor(
    private dir: string,
    private store: Store,
    options: PersistOptions = {},
  ) {
    this.compactAtBytes = options.compactAtBytes ?? 64 * 1024 * 1024
  }

  private snapshotFile(collection: string): string {
    return path.join(this.dir, encodeURIComponent(collection) + SNAPSHOT_SUFFIX)
  }

  /** Load snapshots, replay the journal, fold it into fresh snapshots, and start a new segment. */
  load(): void {
    fs.mkdirSync(this.dir, { recursive: true })
    this.lock()
    const names = fs.readdirSync(this.dir)
    // A kill mid-snapshot leaves a temp file beside the intact old snapshot: it is never read.
    for (const name of names) if (TEMP.test(name)) fs.rmSync(path.join(this.dir, name), { force: true })
    const state = new Map<string, Map<string, Doc>>()
    for (const name of names) {
      if (!name.endsWith(SNAPSHOT_SUFFIX)) continue
      const collection = decodeURIComponent(name.slice(0, -SNAPSHOT_SUFFIX.length))
      state.set(collection, readSnapshot(path.join(this.dir, name)))
    }
    const segments = names.flatMap((name) => (SEGMENT.test(name) ? [Number(SEGMENT.exec(name)![1])] : [])).sort((left, right) => left - right)
    for (const segmentNumber of segments) this.replay(path.join(this.dir, segmentName(segmentNumber)), state)
    for (const [collection, docs] of state) {
      this.store.coll(collection)
      for (const doc of docs.values()) this.store.put(collection, doc)
    }
    this.segment = (segments.at(-1) ?? 0) + 1
    if (segments.length) {
      this.compactNow(segments)
    }
    this.store.onCommit = (record) => this.append(record)
  }

  /**
   * One process per folder: two journals appending to one folder would interleave. A lock left by a
   * process that is gone (killed) is taken over; this process may reopen its own folder (tests).
   */
  private lock(): void {
    const file = path.join(this.dir, LOCK_FILE)
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
        return
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = Number(fs.readFileSync(file, 'utf8'))
      if (holder === process.pid) return
      if (holder && alive(holder)) throw new Error(`[emulator persist] ${this.dir} is in use by process ${holder}; stop it first (one process per database folder)`)
      fs.rmSync(file, { force: true })
    }
  }

  private unlock(): void {
    const file = path.join(this.dir, LOCK_FILE)
    try {
      if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file, { force: true })
    } catch {
      // already gone
    }
  }

  private replay(file: string, state: Map<string, Map<string, Doc>>): void {
    const text = fs.readFileSync(file, 'utf8')
    let start = 0
    while (start < text.length) {
      const end = text.indexOf('\n', start)
      if (end < 0) {
        this.stats.dropped++ // the last line never got its newline: the commit was never acknowledged
        return
      }
      const line = text.slice(start, end)
      start = end + 1
      const space = line.indexOf(' ')
      const body = line.slice(space + 1)
      if (space < 0 || checksum(body) !== line.slice(0, space)) {
        this.stats.dropped++
        return
      }
      const record = fromCanonicalEJSON(body) as { w?: Array<[string, string, Doc | null]>; clear?: boolean }
      this.stats.replayed++
      if (record.clear) {
        state.clear()
        continue
      }
      for (const [collection, key, doc] of record.w ?? []) {
        let docs = state.get(collection)
        if (!docs) state.set(collection, (docs = new Map()))
        if (doc) docs.set(key, doc)
        else docs.delete(key)
      }
    }
  }

  /** Called by the store once per atomic commit, synchronously, in commit order. */
  private append(record: CommitRecord): void {
    if (this.closed) return
    let body: string
    if (record === 'clear') {
      body = '{"clear":true}'
      this.cleared = true
    } else {
      body = toCanonicalEJSON({ w: record.map((write) => [write.collection, write.key, write.doc ?? null]) })
      for (const write of record) this.dirty.add(write.collection)
    }
    this.pending.push(`${checksum(body)} ${body}\n`)
    this.appended++
    this.kick()
  }

  /** Resolves once every commit appended so far is on disk (fsynced). */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.synced >= this.appended) return Promise.resolve()
    const upTo = this.appended
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject })
      this.kick()
    })
  }

  /** One writer at a time: every commit waiting when it starts shares its write and its fsync. */
  private kick(): void {
    if (this.writing) return
    this.writing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain())
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length && !this.halted) {
        const lines = this.pending
        const upTo = this.appended
        this.pending = []
        const text = lines.join('')
        if (this.fd === null) this.fd = fs.openSync(path.join(this.dir, segmentName(this.segment)), 'a')
        const fd = this.fd
        await new Promise<void>((resolve, reject) => fs.write(fd, text, (error) => (error ? reject(error) : resolve())))
        await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())))
        this.segmentBytes += Buffer.byteLength(text)
        this.stats.commits += lines.length
        this.stats.syncs++
        this.synced = upTo
        this.waiters = this.waiters.filter((waiter) => (waiter.upTo <= this.synced ? (waiter.resolve(), false) : true))
        if (this.segmentBytes >= this.compactAtBytes && !this.compacting && !this.closed) this.compactInBackground()
      }
    } catch (error) {
      // A journal that cannot be written is not durable: every waiting and later commit is refused.
      this.failure = error
      for (const waiter of this.waiters) waiter.reject(error)
      this.waiters = []
    } finally {
      this.writing = null
      if (this.pending.length && !this.failure) this.kick()
    }
  }

  /** Starts a new segment and folds the finished ones into snapshots without blocking requests for long. */
  private compactInBackground(): void {
    const finished = this.rotate()
    const work = this.snapshotWork()
    const halted = () => this.halted
    this.compacting = (async () => {
      for (const item of work) if (!halted()) await writeSnapshotAsync(this.snapshotFile(item.collection), item.collection, item.docs, halted)
      if (halted()) return
      syncDirectory(this.dir)
      for (const segmentNumber of finished) fs.rmSync(path.join(this.dir, segmentName(segmentNumber)), { force: true })
      this.stats.compactions++
    })().finally(() => {
      this.compacting = null
    })
    this.compacting.catch((error) => console.error('[emulator persist] compaction failed (the journal still holds every commit):', error))
  }

  /** Closes the current segment; new commits go to the next one. Returns the finished segment numbers. */
  private rotate(): number[] {
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
    const finished = fs
      .readdirSync(this.dir)
      .flatMap((name) => (SEGMENT.test(name) ? [Number(SEGMENT.exec(name)![1])] : []))
      .filter((segmentNumber) => segmentNumber <= this.segment)
    this.segment++
    this.segmentBytes = 0
    return finished
  }

  /** What the snapshots must now hold: taken synchronously, so it is exactly the state the finished segments end in.
   *  Stored documents are never mutated in place (writes replace them), so holding references is enough. */
  private snapshotWork(): Array<{ collection: string; docs: Doc[] | null }> {
    const collections = new Set(this.dirty)
    if (this.cleared) {
      for (const name of fs.readdirSync(this.dir)) if (name.endsWith(SNAPSHOT_SUFFIX)) collections.add(decodeURIComponent(name.slice(0, -SNAPSHOT_SUFFIX.length)))
    }
    this.dirty.clear()
    this.cleared = false
    return [...collections].map((collection) => ({ collection, docs: this.store.has(collection) ? this.store.all(collection) : null }))
  }

  /** Synchronous compaction (at start and at close): snapshots for everything the journal touched, then the journal goes. */
  private compactNow(segments: number[]): void {
    for (const collection of this.store.colls.keys()) this.dirty.add(collection)
    for (const name of fs.readdirSync(this.dir)) if (name.endsWith(SNAPSHOT_SUFFIX)) this.cleared = true
    for (const item of this.snapshotWork()) writeSnapshotSync(this.snapshotFile(item.collection), item.collection, item.docs)
    syncDirectory(this.dir)
    for (const segmentNumber of segments) fs.rmSync(path.join(this.dir, segmentName(segmentNumber)), { force: true })
    this.stats.compactions++
  }

  /** Stops every write at once, keeping only what is already on disk: what a kill does (for tests). */
  halt(): void {
    this.closed = true
    this.halted = true
    this.pending = []
    this.store.onCommit = () => {}
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
  }

  /** Waits for the journal, folds it into snapshots and stops journaling (a clean shutdown). */
  async close(): Promise<void> {
    // Commits may still arrive while we wait; stop only once nothing is being written or folded.
    for (;;) {
      if (this.writing) await this.writing
      else if (this.compacting) await this.compacting.catch(() => undefined)
      else break
    }
    if (this.closed) return
    this.closed = true
    this.store.onCommit = () => {}
    if (!this.failure) {
      const finished = this.rotate()
      if (this.dirty.size || this.cleared || finished.length) this.compactNow(finished)
    }
    this.unlock()
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readSnapshot(file: string): Map<string, Doc> {
  // Read as bytes and decode a line at a time: a large collection's file can exceed what one string may hold.
  const bytes = fs.readFileSync(file)
  const docs = new Map<string, Doc>()
  const firstEnd = bytes.indexOf(10)
  const lastStart = bytes.lastIndexOf(10) + 1
  const ours = firstEnd > 0 && bytes.toString('utf8', 0, firstEnd).endsWith('"docs":[') && bytes.toString('utf8', lastStart) === ']}'
  if (ours) {
    for (let start = firstEnd + 1; start < lastStart;) {
      const end = bytes.indexOf(10, start)
      let line = bytes.toString('utf8', start, end)
      start = end + 1
      if (line.endsWith(',')) line = line.slice(0, -1)
      if (!line) continue
      const doc = fromCanonicalEJSON(line) as Doc
      docs.set(idKey(doc._id), doc)
    }
    return docs
  }
  // A snapshot in the earlier whole-file format.
  const parsed = fromCanonicalEJSON(bytes.toString('utf8'))
  for (const doc of (Array.isArray(parsed) ? parsed : (parsed as { docs: Doc[] }).docs) as Doc[]) docs.set(idKey(doc._id), doc)
  return docs
}

function header(collection: string): string {
  return `${JSON.stringify({ collection }).slice(0, -1)},"docs":[\n`
}

/** Temp file, fsync, rename: a reader sees the old snapshot or the new one, never half of one. */
function writeSnapshotSync(file: string, collection: string, docs: Doc[] | null): void {
  if (!docs) return void fs.rmSync(file, { force: true })
  const tmp = `${file}.${process.pid}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, header(collection))
    for (let i = 0; i < docs.length; i += SNAPSHOT_SLICE) fs.writeSync(fd, slice(docs, i))
    fs.writeSync(fd, ']}')
    fs.fdatasyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

async function writeSnapshotAsync(file: string, collection: string, docs: Doc[] | null, halted: () => boolean): Promise<void> {
  if (!docs) return fs.promises.rm(file, { force: true })
  const tmp = `${file}.${process.pid}.tmp`
  const handle = await fs.promises.open(tmp, 'w')
  try {
    await handle.write(header(collection))
    for (let i = 0; i < docs.length; i += SNAPSHOT_SLICE) {
      await handle.write(slice(docs, i))
      await new Promise((resolve) => setImmediate(resolve))
      if (halted()) return
    }
    await handle.write(']}')
    await handle.datasync()
  } finally {
    await handle.close()
  }
  if (!halted()) await fs.promises.rename(tmp, file)
}

function slice(docs: Doc[], from: number): string {
  const to = Math.min(docs.length, from + SNAPSHOT_SLICE)
  let out = ''
  for (let i = from; i < to; i++) out += toCanonicalEJSON(docs[i]) + (i < docs.length - 1 ? ',\n' : '\n')
  return out
}

/** Makes the renames and removals themselves durable. */
function syncDirectory(dir: string): void {
  let fd: number | null = null
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Some filesystems refuse fsync on a directory; the renames are then as durable as they can be.
  } finally {
    if (fd !== null) fs.closeSync(fd)
  }
}
