import { sdk } from './cloud'

/**
 * Every cloud-storage use goes through this port: the SDK's calls, which the emulator answers
 * locally as WeChat cloud does (upload metadata, the upload to the URL it signs, temporary URLs).
 */
export interface StoragePort {
  /** Stores the file and answers its `cloud://` file ID. */
  upload(cloudPath: string, content: Buffer): Promise<string>
  download(fileID: string): Promise<Buffer>
  /**
   * A URL the client can display (an avatar) or download (an export): WeChat's temporary link,
   * valid `maxAgeMs` when given (WeChat's default otherwise); locally the emulator serves it.
   */
  tempUrl(fileID: string, maxAgeMs?: number): Promise<string | null>
  /** Deletes the files; one already gone is not an error (erasure may run twice). */
  remove(fileIDs: readonly string[]): Promise<void>
}

export function storage(): StoragePort {
  return {
    async upload(cloudPath, content) {
      const { fileID } = await sdk().uploadFile({ cloudPath, fileContent: content })
      return fileID
    },
    async download(fileID) {
      const { fileContent } = await sdk().downloadFile({ fileID })
      return fileContent as Buffer
    },
    async tempUrl(fileID, maxAgeMs) {
      const asked = maxAgeMs === undefined ? fileID : { fileID, maxAge: Math.max(1, Math.floor(maxAgeMs / 1000)) }
      const { fileList } = (await sdk().getTempFileURL({ fileList: [asked] })) as { fileList: Array<{ tempFileURL?: string; status?: number }> }
      const [file] = fileList ?? []
      return file && file.status === 0 && file.tempFileURL ? file.tempFileURL : null
    },
    async remove(fileIDs) {
      // deleteFile takes at most 50 files a call.
      for (let start = 0; start < fileIDs.length; start += 50) await sdk().deleteFile({ fileList: fileIDs.slice(start, start + 50) })
    },
  }
}
