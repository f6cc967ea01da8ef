/**
 * Draws the tabBar icons (81×81 PNG, WeChat's recommended size) from simple shapes, so the repo
 * carries their source rather than opaque binaries. Run: npx tsx scripts/make-tab-icons.ts
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 81
type Shape = (x: number, y: number) => number // signed distance: < 0 inside

const roundRect =
  (cx: number, cy: number, hw: number, hh: number, r: number): Shape =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hw + r
    const qy = Math.abs(y - cy) - hh + r
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r
const ring =
  (shape: Shape, width: number): Shape =>
  (x, y) =>
    Math.abs(shape(x, y)) - width / 2
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)))
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y))

const ICONS: Record<string, Shape> = {
  card: union(ring(roundRect(40.5, 40.5, 30, 21, 6), 5), roundRect(40.5, 32, 30, 3, 0), roundRect(27, 49, 9, 2.5, 2.5)),
  activity: union(ring(roundRect(40.5, 44, 28, 25, 6), 5), roundRect(40.5, 30, 28, 2.5, 0), roundRect(28, 18, 2.5, 7, 2.5), roundRect(53, 18, 2.5, 7, 2.5), circle(32, 46, 4), circle(49, 46, 4)),
  me: union(
    ring(circle(40.5, 26, 12), 5),
    minus(ring(circle(40.5, 74, 24), 5), (_x, y) => 70 - y),
  ),
}

function png(shape: Shape, rgb: [number, number, number]): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0
    for (let x = 0; x < SIZE; x++) {
      const alpha = Math.max(0, Math.min(1, 0.5 - shape(x + 0.5, y + 0.5)))
      const offset = y * (SIZE * 4 + 1) + 1 + x * 4
      raw.set([...rgb, Math.round(alpha * 255)], offset)
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

function crc32(data: Buffer): number {
  let crc = ~0
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return ~crc >>> 0
}

const outDir = path.resolve(__dirname, '..', 'client', 'assets')
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(path.join(outDir, `tab-${name}.png`), png(shape, [138, 143, 153]))
  writeFileSync(path.join(outDir, `tab-${name}-active.png`), png(shape, [200, 150, 62]))
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${outDir}`)
