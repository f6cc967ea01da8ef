import { textProblem, textRule } from './fields'
import { UNCATEGORISED } from './statsFields'

/**
 * The shop's own list of what an order line may be tagged with (咖啡, 烘焙 …), as plain rules: the
 * points function checks a list and an order's lines with them, and the till and the owner's editor
 * say the same words before anything is sent.
 */

export const CATEGORY_NAME = textRule('商品分类', 1, 8)
export const MIN_CATEGORIES = 1
export const MAX_CATEGORIES = 12

/** A line of an order recorded with points.accrue: shorter than a checkout's, and at most 20 of them. */
export const ACCRUE_ITEM_NAME = textRule('商品名称', 1, 20)
export const MAX_ACCRUE_ITEMS = 20

export const CATEGORY_WORDS = {
  tooFew: `请至少保留 ${MIN_CATEGORIES} 个商品分类`,
  tooMany: `商品分类最多 ${MAX_CATEGORIES} 个`,
  reserved: `「${UNCATEGORISED}」是系统保留的商品分类`,
  duplicate: (name: string) => `商品分类「${name}」重复了`,
  /** A line tagged with a category the shop does not keep (the list changed since the till loaded it). */
  unknown: (line: number, name: string) => `第 ${line} 行的商品分类「${name}」不在本店的分类中，请刷新后重选`,
} as const

/** What is wrong with one category's name, or null. */
export function categoryNameProblem(name: string): string | null {
  const problem = textProblem(name, CATEGORY_NAME)
  if (problem) return problem
  return name.trim() === UNCATEGORISED ? CATEGORY_WORDS.reserved : null
}

/** The first problem with a list as the owner would save it: `index` is the entry to fix (null: the list as a whole). */
export function categoriesProblem(names: readonly string[]): { index: number | null; message: string } | null {
  if (names.length < MIN_CATEGORIES) return { index: null, message: CATEGORY_WORDS.tooFew }
  if (names.length > MAX_CATEGORIES) return { index: null, message: CATEGORY_WORDS.tooMany }
  const seen = new Set<string>()
  for (const [index, name] of names.entries()) {
    const problem = categoryNameProblem(name)
    if (problem) return { index, message: problem }
    const trimmed = name.trim()
    if (seen.has(trimmed)) return { index, message: CATEGORY_WORDS.duplicate(trimmed) }
    seen.add(trimmed)
  }
  return null
}

/** The first line (0-based) whose category the shop's list does not have, or null when every one is kept. */
export function unknownCategoryOf(categories: ReadonlyArray<string | undefined>, kept: readonly string[]): { index: number; name: string } | null {
  const known = new Set(kept)
  const index = categories.findIndex((category) => category !== undefined && !known.has(category))
  return index < 0 ? null : { index, name: categories[index]! }
}
