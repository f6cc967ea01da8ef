import { startLocalCloud } from '../../local/cloud'

describe('cloud storage port, locally', () => {
  it('uploads to the emulator’s folder and downloads the same bytes by file ID', async () => {
    const cloud = await startLocalCloud()
    try {
      process.env.WX_EMULATOR_STORAGE_URL = cloud.server.url.replace(/\/admin$/, '/storage')
      const { storage } = await import('../../cloudfunctions/shared/runtime/storage')
      const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
      const fileID = await storage().upload('qrcodes/store-001.png', content)
      expect(fileID).toMatch(/^cloud:\/\/.+\/qrcodes\/store-001\.png$/)
      expect(cloud.storage.get(fileID)).toEqual(content)
      expect(await storage().download(fileID)).toEqual(content)
      await expect(storage().upload('../escape.png', content)).rejects.toThrow()
    } finally {
      delete process.env.WX_EMULATOR_STORAGE_URL
      await cloud.close()
    }
  })
})
