import { CATEGORY_WORDS, unknownCategoryOf } from '../../shared/contract/categoryFields'
import { categoriesPayload, setCategoriesPayload, type ShopCategories } from '../../shared/contract/points'
import { shopCategoriesRepo, type StoredCategories } from '../../shared/data/shopCategories'
import type { Database } from '../../shared/runtime/cloud'
import { defineAction } from '../../shared/runtime'
import { invalidInput } from '../../shared/runtime/errors'

/** 商品分类: what the till offers a line, and what the dashboards count the category mix by. */
export const categories = defineAction({
  schema: categoriesPayload,
  audit: false,
  async handler(_payload, { db }): Promise<ShopCategories> {
    return viewOf(await shopCategoriesRepo(db).current())
  },
})

/** The owner's or an admin's list, whole: lines already recorded keep the category they were given. */
export const setCategories = defineAction({
  schema: setCategoriesPayload,
  async handler({ categories: names }, { db, openid, now }): Promise<ShopCategories> {
    await shopCategoriesRepo(db).save(names, openid, now)
    return { categories: names, custom: true, updatedAt: now.toISOString() }
  },
})

function viewOf(stored: StoredCategories): ShopCategories {
  return { categories: stored.categories, custom: stored.custom, updatedAt: stored.updatedAt?.toISOString() ?? null }
}

/**
 * Refuses an order whose lines name a category the shop does not keep, before anything is written.
 * Read fresh (not cached per instance): a list just saved must take at every till at once, and only
 * an order with lines pays the one read.
 */
export async function checkCategories(db: Database, lines: ReadonlyArray<{ category?: string }> | undefined): Promise<void> {
  if (!lines?.some((line) => line.category !== undefined)) return
  const { categories: kept } = await shopCategoriesRepo(db).current()
  const unknown = unknownCategoryOf(
    lines.map((line) => line.category),
    kept,
  )
  if (unknown) throw invalidInput([{ path: 'items', message: CATEGORY_WORDS.unknown(unknown.index + 1, unknown.name) }])
}
