import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatFen } from '@contract/format'
import { readAmount, toFen } from '@contract/staffFields'
import { AmountInput } from '../../../components/AmountInput'
import './till.scss'

/** One line of the order as the cashier types it. */
export interface ItemDraft {
  key: number
  name: string
  quantity: string
  price: string
}

export interface OrderLine {
  name: string
  quantity: number
  /** Yuan per unit, as the checkout takes it. */
  price: number
}

export type ItemsReading = { lines: OrderLine[]; totalFen: number; error: null } | { lines: null; totalFen: null; error: string }

/**
 * The lines as the checkout will send them, or the first thing to fix. Only their shape is checked
 * here; the server holds the limits (name length, quantity, 50 lines) and says which line is wrong.
 */
export function readItems(drafts: ItemDraft[]): ItemsReading {
  const lines: OrderLine[] = []
  for (const [index, draft] of drafts.entries()) {
    const where = `第 ${index + 1} 行`
    if (!draft.name.trim()) return { lines: null, totalFen: null, error: `${where}：请填写商品名称` }
    if (!/^\d+$/.test(draft.quantity.trim()) || Number(draft.quantity) < 1) return { lines: null, totalFen: null, error: `${where}：数量须为正整数` }
    const price = readAmount(draft.price)
    if (price.value === null) return { lines: null, totalFen: null, error: `${where}：${price.error}` }
    lines.push({ name: draft.name.trim(), quantity: Number(draft.quantity), price: price.value })
  }
  return { lines, totalFen: lines.reduce((sum, line) => sum + toFen(line.price) * line.quantity, 0), error: null }
}

interface OrderItemsProps {
  drafts: ItemDraft[]
  onChange: (drafts: ItemDraft[]) => void
  /** The server's word on the lines after a refused checkout. */
  serverError?: string
}

/** 商品明细 (optional): name, quantity and unit price a line; the order's amount is then their total. */
export function OrderItems({ drafts, onChange, serverError }: OrderItemsProps) {
  const reading = readItems(drafts)
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
