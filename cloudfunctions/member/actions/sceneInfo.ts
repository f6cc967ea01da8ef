import { sceneInfoPayload } from '../../shared/contract/member'
import { parseJoinScene } from '../../shared/domain/scene'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'

/** Which shop a scanned join code came from, so the join page can greet the visitor (1 round trip). */
export const sceneInfo = defineAction({
  schema: sceneInfoPayload,
  async handler({ scene }, { db }) {
    const reading = parseJoinScene(scene)
    if (!reading.ok) throw new AppError('INVALID_INPUT', reading.message, [{ path: 'scene', message: reading.message }])
    const { store, referrerCardNo } = await membersRepo(db).joinSource(reading.scene.storeId, reading.scene.referrerCardNo)
    return { storeId: store?._id ?? null, storeName: store?.name ?? null, referred: referrerCardNo !== null }
  },
})
