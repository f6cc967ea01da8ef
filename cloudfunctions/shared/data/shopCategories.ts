import { DEFAULT_CATEGORIES } from '../contract/statsFields'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

/** The shop's categories for order lines, one document in `settings`; absent, the default list holds. */
const DOC = 'shop-categories'

export interface ShopCategoriesDoc {
  _id: string
  categories: string[]
  updatedBy: string
  updatedAt: Date
}

export interface StoredCategories {
  categories: string[]
  /** false while no list was ever saved (the default holds). */
  custom: boolean
  updatedAt: Date | null
}

export function shopCategoriesRepo(db: Database) {
  const settings = db.collection('settings')
  return {
    async current(): Promise<StoredCategories> {
      const [doc] = await rowsOf<ShopCategoriesDoc>(settings.where({ _id: DOC }).limit(1))
      if (!doc?.categories?.length) return { categories: [...DEFAULT_CATEGORIES], custom: false, updatedAt: null }
      return { categories: doc.categories, custom: true, updatedAt: new Date(doc.updatedAt) }
    },
    async save(categories: string[], by: string, at: Date): Promise<void> {
      await settings.doc(DOC).set({ data: { categories, updatedBy: by, updatedAt: at } })
    },
  }
}
