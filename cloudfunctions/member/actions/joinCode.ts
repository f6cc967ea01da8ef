import { joinCodePayload } from '../../shared/contract/member'
import { buildJoinScene } from '../../shared/domain/scene'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'
import { openapi } from '../../shared/runtime/openapi'
import { storage } from '../../shared/runtime/storage'

export const JOIN_PAGE = 'pages/join/index'

/** A shop's join code (wxacode), optionally crediting a referring member; stored for printing. */
export const joinCode = defineAction({
  schema: joinCodePayload,
  async handler({ storeId, referrerCardNo }, { db }) {
    const built = buildJoinScene({ storeId, referrerCardNo: referrerCardNo ?? null })
    if (!built.ok) throw new AppError('INVALID_INPUT', built.message, [{ path: built.field, message: built.message }])
    const source = await membersRepo(db).joinSource(storeId, referrerCardNo ?? null)
    if (!source.store) throw new AppError('NOT_FOUND', '找不到该门店', [{ path: 'storeId', message: '找不到该门店' }])
    if (referrerCardNo && !source.referrerCardNo) throw new AppError('NOT_FOUND', '找不到推荐会员', [{ path: 'referrerCardNo', message: '找不到推荐会员' }])
    // checkPath false: the code works before the join page is published (e.g. the trial version).
    const image = await openapi().getUnlimitedQrCode({ scene: built.text, page: JOIN_PAGE, checkPath: false })
    if (image.errCode !== 0 || !image.buffer) throw new Error(`wxacode.getUnlimited failed: ${image.errCode} ${image.errMsg}`)
    const fileId = await storage().upload(`join-codes/${built.text.replace(/[^a-z0-9-]+/gi, '_')}.png`, image.buffer)
    return { scene: built.text, imageDataUrl: `data:image/png;base64,${image.buffer.toString('base64')}`, fileId }
  },
})
