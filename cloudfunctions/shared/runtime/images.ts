import { storage } from './storage'
import { invalidInput } from './errors'

/** What a stored picture may be, and what to say when it is not (reward pictures, activity covers). */
export interface ImageRule {
  readonly maxBytes: number
  readonly missing: string
  readonly badType: string
  readonly tooLarge: string
}

type ImageType = 'jpg' | 'png' | 'webp'

/** The type a file really is, by its signature: a renamed GIF or a PDF called .png is none of ours. */
export function imageTypeOf(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

export function imageProblem(bytes: Buffer, rule: ImageRule): string | null {
  if (bytes.length > rule.maxBytes) return rule.tooLarge
  return imageTypeOf(bytes) ? null : rule.badType
}

/**
 * The client uploaded the picture straight to cloud storage, so its name and size are the client's
 * word: the server reads what is stored and refuses it (INVALID_INPUT on `field`) unless it is a
 * JPG, PNG or WebP within the limit.
 */
export async function checkStoredImage(fileID: string, field: string, rule: ImageRule): Promise<void> {
  let bytes: Buffer
  try {
    bytes = await storage().download(fileID)
  } catch {
    throw invalidInput([{ path: field, message: rule.missing }])
  }
  const problem = imageProblem(bytes, rule)
  if (problem) throw invalidInput([{ path: field, message: problem }])
}

/** A link each picture can be shown by; a picture storage cannot link shows as none. */
export async function imageUrlsOf(fileIDs: ReadonlyArray<string | null | undefined>): Promise<Array<string | null>> {
  const port = storage()
  return Promise.all(fileIDs.map((fileID) => (fileID ? port.tempUrl(fileID).catch(() => null) : null)))
}
