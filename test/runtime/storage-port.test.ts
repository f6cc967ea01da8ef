import { sdkEnv } from '../../emulator'
import { startLocalCloud } from '../../local/cloud'

describe('cloud storage port: the SDK’s calls, answered by the local cloud', () => {
  it('uploads to the emulator’s folder, downloads the same bytes, links and deletes by file ID', async () => {
    const cloud = await startLocalCloud()
    const saved = { ...process.env }
    try {
      Object.assign(process.env, sdkEnv(cloud.server.url))
      const { storage } = await import('../../cloudfunctions/shared/runtime/storage')
      const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
      const fileID = await storage().upload('qrcodes/store-001.png', content)
      expect(fileID).toBe('cloud://local.huiyuan-local/qrcodes/store-001.png')
      expect(cloud.storage.get(fileID)).toEqual(content)
      expect(await storage().download(fileID)).toEqual(content)
      const url = await storage().tempUrl(fileID, 60_000)
      expect(Buffer.from(await (await fetch(url!)).arrayBuffer())).toEqual(content)
      await storage().remove([fileID, fileID])
      expect(cloud.storage.get(fileID)).toBeNull()
      expect(await storage().tempUrl(fileID)).toBeNull()
      await expect(storage().upload('../escape.png', content)).rejects.toMatchObject({ errMsg: expect.stringContaining('invalid cloud path') })
    } finally {
      process.env = saved
      await cloud.close()
    }
  })
})
