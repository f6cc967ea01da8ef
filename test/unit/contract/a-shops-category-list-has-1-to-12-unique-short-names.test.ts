/**
 * The shop's categories as the points function and the owner's editor check them (contract/
 * categoryFields): 1–12 names of 1–8 characters, none twice, never the reserved 未分类; and an
 * order's lines checked against the list kept, first unknown line first.
 */
import { categoriesProblem, unknownCategoryOf } from '../../../cloudfunctions/shared/contract/categoryFields'
import { orderItemsOf } from '../../../cloudfunctions/shared/domain/checkout'
import { DEFAULT_CATEGORIES } from '../../../cloudfunctions/shared/contract/statsFields'

describe('a category list', () => {
  it.each([
    ['the default list', [...DEFAULT_CATEGORIES], null],
    ['one name', ['咖啡'], null],
    ['twelve names', Array.from({ length: 12 }, (_, index) => `分类${index}`), null],
    ['no name at all', [], { index: null, message: '请至少保留 1 个商品分类' }],
    ['thirteen names', Array.from({ length: 13 }, (_, index) => `分类${index}`), { index: null, message: '商品分类最多 12 个' }],
    ['an empty entry', ['咖啡', '  '], { index: 1, message: '请填写商品分类' }],
    ['a name of nine characters', ['一二三四五六七八九'], { index: 0, message: '商品分类最多 8 个字' }],
    ['a name twice, once with spaces', ['咖啡', '茶饮', ' 咖啡'], { index: 2, message: '商品分类「咖啡」重复了' }],
    ['the reserved 未分类', ['咖啡', '未分类'], { index: 1, message: '「未分类」是系统保留的商品分类' }],
  ])('%s: %j', (_label, names, expected) => {
    expect(categoriesProblem(names)).toEqual(expected)
  })
})

describe('an order’s lines against the list kept', () => {
  it('finds the first line whose category the shop does not keep; a line without one is never unknown', () => {
    expect(unknownCategoryOf(['咖啡', undefined, '烘焙'], DEFAULT_CATEGORIES)).toBeNull()
    expect(unknownCategoryOf(['咖啡', '玩具', '文具'], DEFAULT_CATEGORIES)).toEqual({ index: 1, name: '玩具' })
  })

  it('become the order’s categorised lines at a line’s total, 未分类 where none was picked', () => {
    expect(orderItemsOf(undefined)).toBeUndefined()
    expect(orderItemsOf([])).toBeUndefined()
    expect(
      orderItemsOf([
        { name: '拿铁', quantity: 3, priceFen: 2850, category: '咖啡' },
        { name: '纸袋', quantity: 1, priceFen: 100 },
      ]),
    ).toEqual([
      { name: '拿铁', category: '咖啡', quantity: 3, amountFen: 8550 },
      { name: '纸袋', category: '未分类', quantity: 1, amountFen: 100 },
    ])
  })
})
