import { DEFAULT_TIER_NAMES, TIER_IDS, type TierId } from '@contract/enums'
import { readNumber, textProblem, typedNumber, type NumberRule } from '@contract/fields'
import { groupDigits, shortYuan } from '@contract/format'
import { RFM_LABELS, SEGMENT_DAYS, SEGMENT_NAME, SEGMENT_PURCHASES, SEGMENT_SPEND, TAG, TAGS_MAX, segmentFilterProblem, type RfmClass, type SegmentFilter } from '@contract/marketingFields'

/**
 * A segment as the marketer types it (days, yuan, tags in one line) and as the contract takes it
 * (whole numbers, fen, a list). Every check is the contract's own rule; errors are keyed by the
 * filter's field names, where the server's `filter.<field>` errors land too.
 */
export interface SegmentForm {
  name: string
  tiers: TierId[]
  rfm: RfmClass[]
  purchasedWithinDays: string
  notPurchasedForDays: string
  spendMinYuan: string
  spendMaxYuan: string
  purchasesMin: string
  purchasesMax: string
  birthdayMonth: number | null
  joinedWithinDays: string
  store: string
  /** Tags as typed: separated by spaces or commas. */
  tags: string
}

export type FilterField = keyof SegmentFilter

export const EMPTY_SEGMENT_FORM: SegmentForm = {
  name: '',
  tiers: [],
  rfm: [],
  purchasedWithinDays: '',
  notPurchasedForDays: '',
  spendMinYuan: '',
  spendMaxYuan: '',
  purchasesMin: '',
  purchasesMax: '',
  birthdayMonth: null,
  joinedWithinDays: '',
  store: '',
  tags: '',
}

/** The server's storeId (contract/money.ts), as plain values. */
const STORE_PATTERN = /^[a-z0-9-]{1,24}$/
export const STORE_INVALID = '门店编号不正确'

/** The typed number fields, each with the filter field it fills and its rule. */
const NUMBERS: { form: keyof SegmentForm; field: FilterField; rule: NumberRule }[] = [
  { form: 'purchasedWithinDays', field: 'purchasedWithinDays', rule: SEGMENT_DAYS },
  { form: 'notPurchasedForDays', field: 'notPurchasedForDays', rule: SEGMENT_DAYS },
  { form: 'spendMinYuan', field: 'spendMinFen', rule: SEGMENT_SPEND },
  { form: 'spendMaxYuan', field: 'spendMaxFen', rule: SEGMENT_SPEND },
  { form: 'purchasesMin', field: 'purchasesMin', rule: SEGMENT_PURCHASES },
  { form: 'purchasesMax', field: 'purchasesMax', rule: SEGMENT_PURCHASES },
  { form: 'joinedWithinDays', field: 'joinedWithinDays', rule: SEGMENT_DAYS },
]

export function tagsOf(text: string): string[] {
  return text
    .split(/[\s,，、]+/)
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** The filter the form describes, or what keeps it from being one (by filter field). An empty form is every member. */
export function readSegmentFilter(form: SegmentForm): { filter: SegmentFilter | null; errors: Partial<Record<FilterField, string>> } {
  const errors: Partial<Record<FilterField, string>> = {}
  const filter: SegmentFilter = {}
  if (form.tiers.length > 0) filter.tiers = TIER_IDS.filter((tier) => form.tiers.includes(tier))
  if (form.rfm.length > 0) filter.rfm = form.rfm
  for (const { form: key, field, rule } of NUMBERS) {
    const text = form[key] as string
    if (!text.trim()) continue
    const reading = readNumber(text, rule)
    if (reading.value === null) errors[field] = reading.error
    else (filter as Record<string, number>)[field] = reading.value
  }
  if (form.birthdayMonth !== null) filter.birthdayMonth = form.birthdayMonth
  const store = form.store.trim()
  if (store) {
    if (STORE_PATTERN.test(store)) filter.store = store
    else errors.store = STORE_INVALID
  }
  const tags = tagsOf(form.tags)
  if (tags.length > 0) {
    const problem = tags.length > TAGS_MAX ? `最多 ${TAGS_MAX} 个标签` : (tags.map((tag) => textProblem(tag, TAG)).find(Boolean) ?? null)
    if (problem) errors.tags = problem
    else filter.tags = tags
  }
  if (Object.keys(errors).length > 0) return { filter: null, errors }
  const problem = segmentFilterProblem(filter)
  if (problem) return { filter: null, errors: { [problem.field]: problem.message } }
  return { filter, errors }
}

export function nameProblem(name: string): string | null {
  return textProblem(name, SEGMENT_NAME)
}

/** A saved filter back in the form, for editing. */
export function formOfSegment(name: string, filter: SegmentFilter): SegmentForm {
  const typed = (value: number | undefined, rule: NumberRule) => (value === undefined ? '' : typedNumber(value, rule))
  return {
    name,
    tiers: (filter.tiers ?? []).filter((tier): tier is TierId => (TIER_IDS as readonly string[]).includes(tier)),
    rfm: filter.rfm ?? [],
    purchasedWithinDays: typed(filter.purchasedWithinDays, SEGMENT_DAYS),
    notPurchasedForDays: typed(filter.notPurchasedForDays, SEGMENT_DAYS),
    spendMinYuan: typed(filter.spendMinFen, SEGMENT_SPEND),
    spendMaxYuan: typed(filter.spendMaxFen, SEGMENT_SPEND),
    purchasesMin: typed(filter.purchasesMin, SEGMENT_PURCHASES),
    purchasesMax: typed(filter.purchasesMax, SEGMENT_PURCHASES),
    birthdayMonth: filter.birthdayMonth ?? null,
    joinedWithinDays: typed(filter.joinedWithinDays, SEGMENT_DAYS),
    store: filter.store ?? '',
    tags: (filter.tags ?? []).join(' '),
  }
}

const range = (min: number | undefined, max: number | undefined, show: (value: number) => string) =>
  min !== undefined && max !== undefined ? `${show(min)}–${show(max)}` : min !== undefined ? `≥ ${show(min)}` : `≤ ${show(max as number)}`

/** `金卡、钻石 · 沉睡 · 90 天未消费`: a filter in words, for lists and the campaign page. */
export function filterWords(filter: SegmentFilter): string {
  const words: string[] = []
  if (filter.tiers?.length) words.push(filter.tiers.map((tier) => DEFAULT_TIER_NAMES[tier as TierId] ?? tier).join('、'))
  if (filter.rfm?.length) words.push(filter.rfm.map((rfm) => RFM_LABELS[rfm]).join('、'))
  if (filter.purchasedWithinDays !== undefined) words.push(`${filter.purchasedWithinDays} 天内消费过`)
  if (filter.notPurchasedForDays !== undefined) words.push(`${filter.notPurchasedForDays} 天未消费`)
  if (filter.spendMinFen !== undefined || filter.spendMaxFen !== undefined) words.push(`近 12 个月消费 ${range(filter.spendMinFen, filter.spendMaxFen, shortYuan)}`)
  if (filter.purchasesMin !== undefined || filter.purchasesMax !== undefined) words.push(`消费 ${range(filter.purchasesMin, filter.purchasesMax, groupDigits)} 次`)
  if (filter.birthdayMonth !== undefined) words.push(`${filter.birthdayMonth} 月生日`)
  if (filter.joinedWithinDays !== undefined) words.push(`${filter.joinedWithinDays} 天内入会`)
  if (filter.store) words.push(`门店 ${filter.store}`)
  if (filter.tags?.length) words.push(`标签 ${filter.tags.join('、')}`)
  return words.length > 0 ? words.join(' · ') : '全部会员'
}
