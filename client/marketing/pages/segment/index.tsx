// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/marketing.scss'
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { DEFAULT_TIER_NAMES, TIER_IDS } from '@contract/enums'
import { groupDigits } from '@contract/format'
import type { Segment } from '@contract/marketing'
import { RFM_CLASSES, RFM_LABELS, SEGMENT_DAYS, SEGMENT_NAME, SEGMENT_PURCHASES, SEGMENT_SPEND, TAG, TAGS_MAX, type RfmClass } from '@contract/marketingFields'
import { FormField, Panel } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import { openPage } from '../../../services/navigate'
import { RoleGate } from '../../../admin/components/RoleGate'
import { toast } from '../../../admin/validation'
import { Choices, toggled } from '../../components/Choices'
import { EMPTY_SEGMENT_FORM, formOfSegment, nameProblem, readSegmentFilter, type FilterField, type SegmentForm } from '../../components/segmentForm'
import { useLiveCount, type LiveCount } from '../../hooks/useLiveCount'

const TIERS = TIER_IDS.map((tier) => ({ key: tier, label: DEFAULT_TIER_NAMES[tier] }))
const CLASSES = RFM_CLASSES.map((rfm) => ({ key: rfm, label: RFM_LABELS[rfm] }))
const MONTHS = [{ key: 0, label: '不限' }, ...Array.from({ length: 12 }, (_, index) => ({ key: index + 1, label: `${index + 1}月` }))]

/** `?id=` edits a saved segment; `?rfm=dormant` starts a new one with that class chosen. */
export default function SegmentPage() {
  const params = useRouter().params
  const rfm = (RFM_CLASSES as readonly string[]).includes(params.rfm ?? '') ? (params.rfm as RfmClass) : null
  return <RoleGate area='marketing'>{() => <SegmentEditor segmentId={params.id ?? null} rfm={rfm} />}</RoleGate>
}

export function SegmentEditor({ segmentId, rfm }: { segmentId: string | null; rfm: RfmClass | null }) {
  if (segmentId) return <SavedSegment segmentId={segmentId} />
  return <SegmentFormView segment={null} initial={{ ...EMPTY_SEGMENT_FORM, rfm: rfm ? [rfm] : [], name: rfm ? `${RFM_LABELS[rfm]}会员` : '' }} />
}

function SavedSegment({ segmentId }: { segmentId: string }) {
  // Segments come as one list (there are few); the one edited is found in it.
  const saved = useCloudQuery<Segment | null>(() => callCloud('marketing', 'segments', {}).then((segments) => segments.find((segment) => segment.id === segmentId) ?? null))
  if (saved.status === 'loading') return <LoadingView />
  if (saved.status === 'error') return <ErrorView message={saved.error.message} onRetry={saved.reload} />
  if (!saved.data) return <Text className='admin-hint'>找不到该分群，可能已被删除</Text>
  return <SegmentFormView segment={saved.data} initial={formOfSegment(saved.data.name, saved.data.filter)} />
}

function SegmentFormView({ segment, initial }: { segment: Segment | null; initial: SegmentForm }) {
  const [form, setForm] = useState(initial)
  const [savedId, setSavedId] = useState(segment?.id ?? null)
  const [dirty, setDirty] = useState(segment === null)
  const [attempted, setAttempted] = useState(false)
  const submit = useSubmit()
  const checked = readSegmentFilter(form)
  const count = useLiveCount(checked.filter)
  const nameError = ((attempted || form.name.trim()) && nameProblem(form.name)) || submit.fieldErrors.name || null
  /** A problem the field's own reading does not see: the filter's cross-field check, then the server's. */
  const otherError = (field: FilterField) => checked.errors[field] ?? count.fieldErrors[field] ?? submit.fieldErrors[`filter.${field}`]

  function update(patch: Partial<SegmentForm>) {
    submit.clearFieldErrors()
    setDirty(true)
    setForm((current) => ({ ...current, ...patch }))
  }

  async function save(): Promise<string | null> {
    setAttempted(true)
    const problem = nameProblem(form.name) ?? Object.values(checked.errors)[0]
    if (problem || !checked.filter) {
      toast(problem ?? '请检查筛选条件')
      return null
    }
    const filter = checked.filter
    const result = await submit.run(() => callCloud('marketing', 'saveSegment', { ...(savedId ? { id: savedId } : {}), name: form.name.trim(), filter }))
    if (!result) return null
    setSavedId(result.id)
    setDirty(false)
    Taro.showToast({ title: '分群已保存', icon: 'success' })
    return result.id
  }

  async function createCampaign() {
    const id = savedId && !dirty ? savedId : await save()
    if (id) void openPage(`/marketing/pages/campaign/index?segmentId=${id}`)
  }

  const number = (key: keyof SegmentForm, field: FilterField, label: string, rule: typeof SEGMENT_DAYS, placeholder: string) => (
    <NumberField
      label={label}
      rule={rule}
      value={form[key] as string}
      onChange={(value) => update({ [key]: value })}
      serverError={otherError(field)}
      placeholder={placeholder}
      testId={`segment-${field}`}
    />
  )

  return (
    <View className='mk-segment' data-testid='segment-editor'>
      <CountBar count={count} />
      <Panel title='分群名称'>
        <FormField label='名称' error={nameError}>
          <Input
            className='admin-input'
            maxlength={-1}
            placeholder={`最多 ${SEGMENT_NAME.max} 个字，如 沉睡金卡会员`}
            value={form.name}
            onInput={(event) => update({ name: event.detail.value })}
            data-testid='segment-name'
          />
        </FormField>
      </Panel>
      <Panel title='会员属性'>
        <Text className='admin-note'>不选即不限；所有条件须同时满足。</Text>
        <FormField label='会员等级' error={otherError('tiers')} stacked>
          <Choices options={TIERS} value={form.tiers} onChange={(tier) => update({ tiers: toggled(form.tiers, tier, TIER_IDS) })} testId='segment-tier' />
        </FormField>
        <FormField label='会员分类（RFM）' error={otherError('rfm')} stacked>
          <Choices options={CLASSES} value={form.rfm} onChange={(rfm) => update({ rfm: toggled(form.rfm, rfm, RFM_CLASSES) })} testId='segment-rfm' />
        </FormField>
        {number('joinedWithinDays', 'joinedWithinDays', '几天内入会', SEGMENT_DAYS, '如 30，即近 30 天入会')}
        <FormField label='生日月份' error={otherError('birthdayMonth')} stacked>
          <Choices options={MONTHS} value={form.birthdayMonth ?? 0} onChange={(month) => update({ birthdayMonth: month === 0 ? null : month })} testId='segment-birthday' />
        </FormField>
        <FormField label='门店' error={otherError('store')}>
          <Input
            className='admin-input'
            maxlength={-1}
            placeholder={`门店编号，如 ${HUIYUAN_STORE_ID}`}
            value={form.store}
            onInput={(event) => update({ store: event.detail.value })}
            data-testid='segment-store'
          />
        </FormField>
        <FormField label='标签' error={otherError('tags')}>
          <Input
            className='admin-input'
            maxlength={-1}
            placeholder={`空格分隔，最多 ${TAGS_MAX} 个`}
            value={form.tags}
            onInput={(event) => update({ tags: event.detail.value })}
            data-testid='segment-tags'
          />
        </FormField>
        <Text className='admin-note'>门店不填即全部门店。标签由员工添加（分群列表中可为整个分群批量打标签），每个最多 {TAG.max} 个字；填写多个时，须同时带有全部标签。</Text>
      </Panel>
      <Panel title='消费'>
        {number('purchasedWithinDays', 'purchasedWithinDays', '几天内消费', SEGMENT_DAYS, '最近多少天内消费过')}
        {number('notPurchasedForDays', 'notPurchasedForDays', '几天未消费', SEGMENT_DAYS, '已多少天没有消费')}
        <Text className='admin-note'>近 12 个月的消费金额与次数，可只填一端。</Text>
        {number('spendMinYuan', 'spendMinFen', '消费不低于', SEGMENT_SPEND, '元，如 500')}
        {number('spendMaxYuan', 'spendMaxFen', '消费不高于', SEGMENT_SPEND, '元，如 5000')}
        {number('purchasesMin', 'purchasesMin', '至少消费', SEGMENT_PURCHASES, '次，如 2')}
        {number('purchasesMax', 'purchasesMax', '至多消费', SEGMENT_PURCHASES, '次，如 10')}
      </Panel>
      <View className='admin-actions'>
        <Button fill='outline' block loading={submit.busy} disabled={submit.busy} onClick={() => void save()} data-testid='segment-save'>
          保存分群
        </Button>
        <Button type='primary' block disabled={submit.busy} onClick={() => void createCampaign()} data-testid='segment-campaign'>
          用此分群创建营销
        </Button>
      </View>
    </View>
  )
}

const STATE_WORDS = { waiting: '条件已修改，稍后更新…', counting: '正在计算…', fresh: '人数已是最新', invalid: '请先修正标红的条件', error: '' } as const

/** The members the filter on screen matches, counted as the marketer edits; while a newer count is on its way the last one shows greyed. */
function CountBar({ count }: { count: LiveCount }) {
  const stale = count.state !== 'fresh'
  return (
    <View className='mk-count' data-testid='segment-count-bar'>
      <View className='mk-count__main'>
        <Text className='mk-count__label'>符合条件的会员</Text>
        <View className='mk-count__figure'>
          <Text className={`mk-count__value ${stale ? 'mk-count__value--stale' : ''}`} data-testid='segment-count'>
            {count.members === null ? '—' : groupDigits(count.members)}
          </Text>
          <Text className='mk-count__unit'>人</Text>
        </View>
      </View>
      {count.state === 'error' ? (
        <Text className='mk-count__state mk-count__state--error' onClick={count.retry} data-testid='segment-count-state'>
          {count.error}（点此重试）
        </Text>
      ) : (
        <Text className={`mk-count__state ${count.state === 'counting' || count.state === 'waiting' ? 'mk-count__state--busy' : ''}`} data-testid='segment-count-state'>
          {(count.state === 'counting' || count.state === 'waiting') && <Text className='mk-count__spinner' />}
          {STATE_WORDS[count.state]}
        </Text>
      )}
    </View>
  )
}
