/** Persistence: one JSON file (canonical EJSON) per collection, written debounced with an atomic rename. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromCanonicalEJSON, toCanonicalEJSON } from './ejson';
import { Store } from './store';

const SUFFIX = '.json';

export class Persister {
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private dir: string, private store: Store, private debounceMs = 100) {}

  private file(collection: string): string {
    return path.join(this.dir, encodeURIComponent(collection) + SUFFIX);
  }

  /** Synchronously load every collection file in the directory into the store. */
  load(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const f of fs.readdirSync(this.dir)) {
      if (!f.endsWith(SUFFIX)) continue;
      const name = decodeURIComponent(f.slice(0, -SUFFIX.length));
      const parsed = fromCanonicalEJSON(fs.readFileSync(path.join(this.dir, f), 'utf8'));
      const docs: any[] = Array.isArray(parsed) ? parsed : parsed.docs;
      this.store.coll(name);
      for (const d of docs) this.store.put(name, d);
    }
  }

  markDirty(collection: string): void {
    this.dirty.add(collection);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.debounceMs);
      this.timer.unref?.();
    }
  }

  /** Write every dirty collection now. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const names = [...this.dirty];
    this.dirty.clear();
    const snapshots = names.map((n) => ({ n, docs: this.store.has(n) ? this.store.all(n) : null, text: '' }));
    // serialize now (synchronously) so later writes cannot leak into this flush half-way
    for (const s of snapshots) if (s.docs) s.text = toCanonicalEJSON({ collection: s.n, docs: s.docs }, 1);
    this.writing = this.writing.then(async () => {
      await fs.promises.mkdir(this.dir, { recursive: true });
      for (const s of snapshots) {
        const target = this.file(s.n);
        if (!s.docs) {
          await fs.promises.rm(target, { force: true });
          continue;
        }
        const tmp = `${target}.${process.pid}.tmp`;
        await fs.promises.writeFile(tmp, s.text);
        await fs.promises.rename(tmp, target);
      }
    });
    return this.writing;
  }
}
