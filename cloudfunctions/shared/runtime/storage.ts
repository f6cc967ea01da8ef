import { sdk } from './cloud'

/**
 * Every cloud-storage use goes through this port: the SDK in WeChat cloud, the emulator's storage
 * folder locally (WX_EMULATOR_STORAGE_URL, set by the function runner).
 */
export interface StoragePort {
  /** Stores the file and answers its `cloud://` file ID. */
  upload(cloudPath: string, content: Buffer): Promise<string>
  download(fileID: string): Promise<Buffer>
  /**
   * A URL the client can display (an avatar) or download (an export): WeChat's temporary link in
   * the cloud, valid `maxAgeMs` when given (WeChat's default otherwise), the dev server's file route
   * locally. Not a database round trip.
   */
  tempUrl(fileID: string, maxAgeMs?: number): Promise<string | null>
  /** Deletes the files; one already gone is not an error (erasure may run twice). */
  remove(fileIDs: readonly string[]): Promise<void>
}

export function storage(): StoragePort {
  const localUrl = process.env.WX_EMULATOR_STORAGE_URL
  return localUrl ? localBinding(localUrl) : cloudBinding()
}

function cloudBinding(): StoragePort {
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

function localBinding(baseUrl: string): StoragePort {
  return {
    async upload(cloudPath, content) {
      const response = await fetch(`${baseUrl}/upload?path=${encodeURIComponent(cloudPath)}`, { method: 'POST', body: new Uint8Array(content) })
      if (!response.ok) throw new Error(`storage upload failed: ${response.status}`)
      return ((await response.json()) as { fileID: string }).fileID
    },
    async download(fileID) {
      const response = await fetch(`${baseUrl}/download?fileID=${encodeURIComponent(fileID)}`)
      if (!response.ok) throw new Error(`storage download failed: ${response.status}`)
      return Buffer.from(await response.arrayBuffer())
    },
    async tempUrl(fileID) {
      // Served by the dev server (local/devServer.ts) on the H5 app's own origin.
      return `/api/dev/file?fileID=${encodeURIComponent(fileID)}`
    },
    async remove(fileIDs) {
      for (const fileID of fileIDs) {
        const response = await fetch(`${baseUrl}/delete?fileID=${encodeURIComponent(fileID)}`, { method: 'POST' })
        if (!response.ok) throw new Error(`storage delete failed: ${response.status}`)
      }
    },
  }
}
