import { saveStorePayload, storeRefPayload, storesPayload, type Store } from '../../shared/contract/staff'
import { staffRepo } from '../../shared/data/staff'
import { storesRepo, type StoreDoc } from '../../shared/data/stores'
import { nextStoreId } from '../../shared/domain/storeIds'
import { AppError, defineAction, type Database } from '../../shared/runtime'

function toStore(doc: StoreDoc, staffCount: number): Store {
  return {
    id: doc._id,
    name: doc.name,
    address: doc.address ?? '',
    phone: doc.phone ?? '',
    closed: doc.closed === true,
    createdAt: doc.createdAt ? new Date(doc.createdAt).toISOString() : null,
    staffCount,
  }
}

async function storeView(db: Database, doc: StoreDoc): Promise<Store> {
  return toStore(doc, (await staffRepo(db).countsByStore()).get(doc._id) ?? 0)
}

async function storeOrThrow(db: Database, id: string): Promise<StoreDoc> {
  const store = await storesRepo(db).byId(id)
  if (!store) throw new AppError('NOT_FOUND', '找不到该门店', [{ path: 'id', message: '找不到该门店' }])
  return store
}

/** Stores with their staff counts; closed ones only when asked for. Two round trips. */
export const stores = defineAction({
  schema: storesPayload,
  audit: false,
  async handler({ includeClosed }, { db }): Promise<Store[]> {
    const [all, counts] = await Promise.all([storesRepo(db).all(), staffRepo(db).countsByStore()])
    return all.filter((store) => includeClosed || !store.closed).map((store) => toStore(store, counts.get(store._id) ?? 0))
  },
})

/** Creates a store (`id` absent: the next `store-NNN`) or edits one. Two stores never share a name, so a double tap makes one. */
export const saveStore = defineAction({
  schema: saveStorePayload,
  async handler({ id, name, address, phone }, { db, openid, now }): Promise<Store> {
    const repo = storesRepo(db)
    const all = await repo.all()
    if (id !== undefined && !all.some((store) => store._id === id)) throw new AppError('NOT_FOUND', '找不到该门店', [{ path: 'id', message: '找不到该门店' }])
    if (all.some((store) => store.name === name && store._id !== id)) throw new AppError('CONFLICT', `已有名为「${name}」的门店`, [{ path: 'name', message: `已有名为「${name}」的门店` }])
    if (id !== undefined) {
      await repo.update(id, { name, address, phone, updatedAt: now, updatedBy: openid })
      return storeView(db, { ...all.find((store) => store._id === id)!, name, address, phone })
    }
    const taken = new Set(all.map((store) => store._id))
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc: StoreDoc = { _id: nextStoreId(taken), name, address, phone, closed: false, closedAt: null, createdAt: now, updatedAt: now, updatedBy: openid }
      if (await repo.insert(doc)) return toStore(doc, 0)
      // Another store took the id a moment ago.
      taken.add(doc._id)
    }
    throw new AppError('CONFLICT', '门店编号冲突，请重试')
  },
})

/** A closed store keeps its history and staff; it stops greeting new members and cannot be chosen for invitations or moves. */
export const closeStore = defineAction({
  schema: storeRefPayload,
  async handler({ id }, { db, openid, now }): Promise<Store> {
    const store = await storeOrThrow(db, id)
    if (store.closed) return storeView(db, store)
    const open = (await storesRepo(db).all()).filter((each) => !each.closed)
    if (open.length <= 1) throw new AppError('CONFLICT', '至少保留一家营业中的门店', [{ path: 'id', message: '至少保留一家营业中的门店' }])
    await storesRepo(db).update(id, { closed: true, closedAt: now, updatedAt: now, updatedBy: openid })
    return storeView(db, { ...store, closed: true, closedAt: now })
  },
})

export const reopenStore = defineAction({
  schema: storeRefPayload,
  async handler({ id }, { db, openid, now }): Promise<Store> {
    const store = await storeOrThrow(db, id)
    if (!store.closed) return storeView(db, store)
    await storesRepo(db).update(id, { closed: false, closedAt: null, updatedAt: now, updatedBy: openid })
    return storeView(db, { ...store, closed: false, closedAt: null })
  },
})
