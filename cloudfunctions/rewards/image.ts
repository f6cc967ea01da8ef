import { REWARD_IMAGE } from '../shared/contract/staffFields'
import { storage } from '../shared/runtime/storage'
import { invalidInput } from '../shared/runtime/errors'

type ImageType = (typeof REWARD_IMAGE.types)[number]

/** The type a file really is, by its signature: a renamed GIF or a PDF called .png is none of ours. */
export function imageTypeOf(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

export function rewardImageProblem(bytes: Buffer): string | null {
  if (bytes.length > REWARD_IMAGE.maxBytes) return REWARD_IMAGE.tooLarge
  return imageTypeOf(bytes) ? null : REWARD_IMAGE.badType
}

/**
 * The client uploaded the picture straight to cloud storage, so its name and size are the client's
 * word: the server reads what is stored and refuses it (INVALID_INPUT on imageFileId) unless it is
 * a JPG, PNG or WebP within the limit.
 */
export async function checkRewardImage(fileID: string): Promise<void> {
  let bytes: Buffer
  try {
    bytes = await storage().download(fileID)
  } catch {
    throw invalidInput([{ path: 'imageFileId', message: REWARD_IMAGE.missing }])
  }
  const problem = rewardImageProblem(bytes)
  if (problem) throw invalidInput([{ path: 'imageFileId', message: problem }])
}

/** Each reward with a link its picture can be shown by; a picture storage cannot link shows as none. */
export async function imageUrlsOf(fileIDs: ReadonlyArray<string | null | undefined>): Promise<Array<string | null>> {
  const port = storage()
  return Promise.all(fileIDs.map((fileID) => (fileID ? port.tempUrl(fileID).catch(() => null) : null)))
}
