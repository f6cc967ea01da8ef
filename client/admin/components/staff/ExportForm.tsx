import { useState } from 'react'
import { View, Text, Switch } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EXPORT_KIND_LABELS, EXPORT_KINDS, EXPORT_MAX_DAYS, type ExportKind } from '@contract/workspaceFields'
import { FormField, Panel } from '../../../components/FormField'
import type { ExportRequest } from '../../hooks/useExports'
import { ChoiceChips } from '../ticket/ChoiceChips'
import { DateRange } from './DateRange'
import './staff.scss'

const DAY_MS = 24 * 60 * 60 * 1000
const KINDS = EXPORT_KINDS.map((key) => ({ key, label: EXPORT_KIND_LABELS[key] }))

/** What is wrong with a range, in the contract's words; null when it can be sent. */
function rangeProblem(from: string, to: string): string | null {
  if (from > to) return '结束日期不能早于开始日期'
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1
  return days > EXPORT_MAX_DAYS ? `一次最多导出 ${EXPORT_MAX_DAYS} 天` : null
}

/** Kind, dates (this month on the shop's calendar to begin with) and whether phones are shown whole. */
export function ExportForm({ today, busy, fieldErrors, onStart }: { today: string; busy: boolean; fieldErrors: Record<string, string>; onStart: (request: ExportRequest) => void }) {
  const [kind, setKind] = useState<ExportKind>('members')
  const [range, setRange] = useState({ from: `${today.slice(0, 8)}01`, to: today })
  const [fullPhone, setFullPhone] = useState(false)
  const problem = rangeProblem(range.from, range.to)

  return (
    <>
      <Panel title='导出数据'>
        <FormField label='导出内容' error={fieldErrors.kind} stacked>
          <ChoiceChips options={KINDS} value={kind} onChange={setKind} testId='export-kind' />
        </FormField>
        <FormField label='日期' error={problem ?? fieldErrors.from ?? fieldErrors.to}>
          <DateRange from={range.from} to={range.to} today={today} onChange={(next) => setRange({ from: next.from ?? range.from, to: next.to ?? range.to })} testId='export-dates' />
        </FormField>
        <FormField label='完整手机号'>
          <View className='ws-switch'>
            <Switch checked={fullPhone} color='#c8963e' onChange={(event) => setFullPhone(Boolean(event.detail.value))} data-testid='export-full-phone' />
          </View>
        </FormField>
        <Text className='admin-note'>导出为 CSV 文件（UTF-8 编码），可直接用 Excel 打开。</Text>
        {fullPhone ? (
          <Text className='ws-warn' data-testid='export-phone-warning'>
            将导出会员的完整手机号。手机号属于会员个人信息，本次导出会记入操作日志，请妥善保管文件、勿外传。
          </Text>
        ) : (
          <Text className='admin-note'>手机号显示为 138****1234；每次导出都会记入操作日志。</Text>
        )}
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={busy} disabled={busy || problem !== null} onClick={() => onStart({ kind, ...range, fullPhone })} data-testid='export-start'>
          开始导出
        </Button>
      </View>
    </>
  )
}
