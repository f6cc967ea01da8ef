// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/marketing.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { readNumber, type NumberRule } from '@contract/fields'
import type { RfmOverview } from '@contract/marketing'
import { DEFAULT_RFM_THRESHOLDS, RFM_CLASSES, RFM_DAYS, RFM_LABELS, RFM_PURCHASES, rfmThresholdsProblem, type RfmThresholds } from '@contract/marketingFields'
import { Panel } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import { RoleGate } from '../../../admin/components/RoleGate'
import { confirmDialog, toast } from '../../../admin/validation'
import { rfmRuleWords } from '../../components/rfmWords'

type Field = keyof RfmThresholds
type Form = Record<Field, string>

const FIELDS: { field: Field; label: string; rule: NumberRule; note: string }[] = [
  { field: 'newDays', label: '新会员天数', rule: RFM_DAYS, note: '新会员：入会不超过这么多天' },
  { field: 'activeDays', label: '活跃天数', rule: RFM_DAYS, note: '活跃：最近一次消费在这么多天内' },
  { field: 'activeMinPurchases', label: '活跃次数', rule: RFM_PURCHASES, note: '活跃：且统计天数内至少消费这么多次' },
  { field: 'activeWindowDays', label: '统计天数', rule: RFM_DAYS, note: '活跃的消费次数按最近这么多天统计' },
  { field: 'atRiskDays', label: '流失天数', rule: RFM_DAYS, note: '流失风险：曾经活跃，已这么多天未消费（少于沉睡天数）' },
  { field: 'dormantDays', label: '沉睡天数', rule: RFM_DAYS, note: '沉睡：这么多天以上未消费' },
]

const formOf = (thresholds: RfmThresholds): Form => Object.fromEntries(FIELDS.map(({ field }) => [field, String(thresholds[field])])) as Form

function readForm(form: Form): { thresholds: RfmThresholds | null; errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {}
  const values: Partial<RfmThresholds> = {}
  for (const { field, rule } of FIELDS) {
    const reading = readNumber(form[field], rule)
    if (reading.value === null) errors[field] = reading.error
    else values[field] = reading.value
  }
  if (Object.keys(errors).length > 0) return { thresholds: null, errors }
  const thresholds = values as RfmThresholds
  const problem = rfmThresholdsProblem(thresholds)
  return problem ? { thresholds: null, errors: { [problem.field]: problem.message } } : { thresholds, errors }
}

export default function RfmRulesPage() {
  return <RoleGate area='rfmRules'>{() => <RfmRules />}</RoleGate>
}

function RfmRules() {
  const overview = useCloudQuery<RfmOverview>(() => callCloud('marketing', 'rfmOverview', {}))
  usePullDownRefresh(async () => {
    await overview.reload()
    Taro.stopPullDownRefresh()
  })
  if (overview.status === 'loading') return <LoadingView />
  if (overview.status === 'error') return <ErrorView message={overview.error.message} onRetry={overview.reload} />
  return <ThresholdsForm key={JSON.stringify(overview.data.thresholds)} overview={overview.data} onSaved={overview.setData} />
}

function ThresholdsForm({ overview, onSaved }: { overview: RfmOverview; onSaved: (overview: RfmOverview) => void }) {
  const [form, setForm] = useState(() => formOf(overview.thresholds))
  const [attempted, setAttempted] = useState(false)
  const submit = useSubmit()
  const checked = readForm(form)
  const shown = checked.thresholds ?? overview.thresholds

  function update(field: Field, value: string) {
    submit.clearFieldErrors()
    setForm((current) => ({ ...current, [field]: value }))
  }

  async function save() {
    setAttempted(true)
    if (!checked.thresholds) return toast(Object.values(checked.errors)[0] ?? '请检查输入')
    const thresholds = checked.thresholds
    if (!(await confirmDialog('保存分类规则', '新门槛在会员下次分类时生效（每日自动进行），各分类和分群的人数随之变化。', '保存'))) return
    const result = await submit.run(() => callCloud('marketing', 'setRfmThresholds', thresholds))
    if (!result) return
    Taro.showToast({ title: '分类规则已保存', icon: 'success' })
    onSaved(result)
  }

  return (
    <View className='mk-rfm' data-testid='rfm-rules'>
      <Text className='admin-hint admin-hint--left mk-intro'>会员每天按以下门槛自动分类；不属于新会员、活跃、流失风险、沉睡的，为普通会员。</Text>
      <Panel title='分类门槛'>
        {FIELDS.map(({ field, label, rule, note }) => (
          <View key={field}>
            <NumberField
              label={label}
              rule={rule}
              value={form[field]}
              onChange={(value) => update(field, value)}
              serverError={checked.errors[field] ?? submit.fieldErrors[field]}
              attempted={attempted}
              testId={`rfm-${field}`}
            />
            <Text className='admin-note'>{note}</Text>
          </View>
        ))}
      </Panel>
      <Panel title='按此规则'>
        {RFM_CLASSES.map((rfm) => (
          <View key={rfm} className='mk-line'>
            <Text className='mk-line__label'>{RFM_LABELS[rfm]}</Text>
            <Text className='mk-line__value mk-line__value--text'>{rfmRuleWords(rfm, shown)}</Text>
          </View>
        ))}
      </Panel>
      <View className='admin-actions'>
        <Button fill='outline' block disabled={submit.busy} onClick={() => setForm(formOf(DEFAULT_RFM_THRESHOLDS))} data-testid='rfm-defaults'>
          恢复默认
        </Button>
        <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={() => void save()} data-testid='rfm-save'>
          保存
        </Button>
      </View>
    </View>
  )
}
