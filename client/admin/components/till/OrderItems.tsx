import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatFen } from '@contract/format'
import { numberProblem, textProblem } from '@contract/fields'
import { ITEM_NAME, ITEM_QUANTITY, MAX_ITEMS, readAmount, toFen } from '@contract/staffFields'
import { AmountInput } from '../../../components/AmountInput'
import type { CategoryChoices } from '../../hooks/useShopCategories'
import './till.scss'

/** One line of the order as the cashier types it. */
export interface ItemDraft {
  key: number
  name: string
  quantity: string
  price: string
  /** One of the shop's categories, or none (the line then counts as 未分类). */
  category?: string | null
}

export interface OrderLine {
  name: string
  quantity: number
  /** Yuan per unit, as the checkout takes it. */
  price: number
  category?: string
}

export type ItemsReading = { lines: OrderLine[]; totalFen: number; error: null } | { lines: null; totalFen: null; error: string }

/**
 * The lines as the checkout will send them, or the first thing to fix, by the contract's own rules.
 * A line keeps its category only while `categories` (the shop's list as loaded) still has it, so
 * what is sent is what the chips show picked.
 */
export function readItems(drafts: ItemDraft[], categories: readonly string[] = []): ItemsReading {
  const lines: OrderLine[] = []
  if (drafts.length > MAX_ITEMS) return { lines: null, totalFen: null, error: `商品最多 ${MAX_ITEMS} 行` }
  for (const [index, draft] of drafts.entries()) {
    const where = `第 ${index + 1} 行`
    const nameProblem = textProblem(draft.name, ITEM_NAME)
    if (nameProblem) return { lines: null, totalFen: null, error: `${where}：${nameProblem}` }
    const quantityProblem = /^\d+$/.test(draft.quantity.trim()) ? numberProblem(Number(draft.quantity), ITEM_QUANTITY) : ITEM_QUANTITY.message
    if (quantityProblem) return { lines: null, totalFen: null, error: `${where}：${quantityProblem}` }
    const price = readAmount(draft.price)
    if (price.value === null) return { lines: null, totalFen: null, error: `${where}：${price.error}` }
    const category = draft.category && categories.includes(draft.category) ? { category: draft.category } : {}
    lines.push({ name: draft.name.trim(), quantity: Number(draft.quantity), price: price.value, ...category })
  }
  return { lines, totalFen: lines.reduce((sum, line) => sum + toFen(line.price) * line.quantity, 0), error: null }
}

interface OrderItemsProps {
  drafts: ItemDraft[]
  onChange: (drafts: ItemDraft[]) => void
  /** The server's word on the lines after a refused checkout. */
  serverError?: string
  /** The shop's categories, one picked per line (optional); absent, the lines have no picker. */
  categories?: CategoryChoices
}

/** 商品明细 (optional): name, quantity, unit price and category a line; the order's amount is then their total. */
export function OrderItems({ drafts, onChange, serverError, categories }: OrderItemsProps) {
  const known = categories?.status === 'ready' ? categories.names : []
  const reading = readItems(drafts, known)
  const edit = (key: number, patch: Partial<ItemDraft>) => onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)))
  const add = () => onChange([...drafts, { key: Math.max(0, ...drafts.map((draft) => draft.key)) + 1, name: '', quantity: '1', price: '' }])
  return (
    <View className='order-items' data-testid='order-items'>
      {drafts.map((draft) => (
        <View key={draft.key} className='order-items__row' data-testid='order-item'>
          <Input
            className='order-items__name'
            placeholder='商品名称'
            value={draft.name}
            maxlength={40}
            onInput={(event) => edit(draft.key, { name: event.detail.value })}
            data-testid='order-item-name'
          />
          <Text className='order-items__times'>×</Text>
          <View className='order-items__quantity'>
            <AmountInput compact unit='' decimals={false} placeholder='1' value={draft.quantity} onChange={(quantity) => edit(draft.key, { quantity })} testId='order-item-quantity' />
          </View>
          <View className='order-items__price'>
            <AmountInput compact value={draft.price} onChange={(price) => edit(draft.key, { price })} testId='order-item-price' />
          </View>
          <Text className='order-items__remove' onClick={() => onChange(drafts.filter((other) => other.key !== draft.key))} data-testid='order-item-remove'>
            删除
          </Text>
          {categories && <CategoryPicker choices={categories} picked={draft.category ?? null} onPick={(category) => edit(draft.key, { category })} />}
        </View>
      ))}
      <View className='order-items__foot'>
        <Button size='small' fill='outline' onClick={add} data-testid='order-item-add'>
          {drafts.length === 0 ? '添加商品明细（选填）' : '再加一行'}
        </Button>
        {drafts.length > 0 && reading.totalFen !== null && <Text className='order-items__total'>合计 {formatFen(reading.totalFen)}</Text>}
      </View>
      {drafts.length > 0 && (reading.error ?? serverError) && (
        <Text className='form-field__error till-field-error' data-testid='order-items-error'>
          {reading.error ?? serverError}
        </Text>
      )}
    </View>
  )
}

/** A line's category as chips: tapping the picked one again leaves the line 未分类. */
function CategoryPicker({ choices, picked, onPick }: { choices: CategoryChoices; picked: string | null; onPick: (category: string | null) => void }) {
  if (choices.status === 'idle' || choices.status === 'loading')
    return (
      <Text className='order-items__categories order-items__categories--hint' data-testid='order-item-categories-loading'>
        正在加载商品分类…
      </Text>
    )
  if (choices.status === 'error')
    return (
      <View className='order-items__categories' data-testid='order-item-categories-error'>
        <Text className='order-items__categories--hint'>商品分类加载失败，可不选分类结账</Text>
        <Text className='order-items__retry' onClick={choices.retry}>
          重试
        </Text>
      </View>
    )
  return (
    <View className='order-items__categories' data-testid='order-item-categories'>
      {choices.names.map((name) => (
        <Text key={name} className={`order-items__chip ${name === picked ? 'order-items__chip--on' : ''}`} onClick={() => onPick(name === picked ? null : name)} data-testid='order-item-category'>
          {name}
        </Text>
      ))}
    </View>
  )
}
