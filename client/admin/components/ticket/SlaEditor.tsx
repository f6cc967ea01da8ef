import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CLOCK_TIME, TICKET_CATEGORIES, TICKET_CATEGORY_LABELS, WEEKDAY_LABELS, type SlaSettings, type TicketCategory } from '@contract/ticketFields'
import { FormField, Panel } from '../../../components/FormField'
import { confirmDialog, toast } from '../../validation'
import { ChoiceChips } from './ChoiceChips'
import { CLOCKS, CLOCK_LABELS, formOfSla, readSlaForm, readSpan, slaPath, type Clock, type SlaForm, type SpanForm } from './slaForm'
import { formatMinutes } from './words'
import './ticket.scss'

const MODES = [
  { key: 'always', label: '全天计时' },
  { key: 'business', label: '仅营业时间计时' },
] as const
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ key: day, label: WEEKDAY_LABELS[day] }))

interface SlaEditorProps {
  settings: SlaSettings
  saving: boolean
  serverErrors: Record<string, string>
  onEdit: () => void
  onSave: (settings: SlaSettings) => Promise<boolean>
}

/** The owner's form: per category, how soon a member hears back and how soon it is solved; and whether the clock stops outside business hours. */
export function SlaEditor({ settings, saving, serverErrors, onEdit, onSave }: SlaEditorProps) {
  const [form, setForm] = useState<SlaForm>(() => formOfSla(settings))
  const { settings: next, errors } = readSlaForm(form)
  // Checked as typed: every field starts filled, so nothing is red before the owner changes it.
  const errorAt = (path: string) => errors[path] || serverErrors[path] || null
  // businessHoursProblem names either the days or the order of the times; each shows beside its field.
  const hoursProblem = errorAt('businessHours')
  const noDays = form.weekdays.length === 0
  const update = (patch: Partial<SlaForm>) => {
    setForm((previous) => ({ ...previous, ...patch }))
    onEdit()
  }
  const setSpan = (category: TicketCategory, clock: Clock, patch: Partial<SpanForm>) =>
    update({ categories: { ...form.categories, [category]: { ...form.categories[category], [clock]: { ...form.categories[category][clock], ...patch } } } })

  async function save() {
    if (!next) return toast(Object.values(errors)[0] ?? '请检查填写的时限')
    if (!(await confirmDialog('保存服务时限', '新的时限只用于此后提交的工单，已提交的工单仍按原时限计时。', '保存'))) return
    await onSave(next)
  }

  return (
    <View className='sla-editor' data-testid='sla-editor'>
      <Panel title='各类问题的时限'>
        {TICKET_CATEGORIES.map((category) => (
          <View key={category} data-testid={`sla-category-${category}`}>
            <Text className='form-panel__title'>{TICKET_CATEGORY_LABELS[category]}</Text>
            {CLOCKS.map((clock) => {
              const span = form.categories[category][clock]
              const reading = readSpan(span)
              return (
                <FormField key={clock} label={CLOCK_LABELS[clock]} error={errorAt(slaPath(category, clock))}>
                  <View className='sla-times'>
                    <Input
                      className='sla-times__input'
                      type='number'
                      value={span.hours}
                      onInput={(event) => setSpan(category, clock, { hours: event.detail.value })}
                      data-testid={`sla-${category}-${clock}-hours`}
                    />
                    <Text>小时</Text>
                    <Input
                      className='sla-times__input'
                      type='number'
                      value={span.minutes}
                      onInput={(event) => setSpan(category, clock, { minutes: event.detail.value })}
                      data-testid={`sla-${category}-${clock}-minutes`}
                    />
                    <Text>分钟</Text>
                    {reading.value !== null && reading.value >= 24 * 60 && <Text className='sla-times__read'>= {formatMinutes(reading.value)}</Text>}
                  </View>
                </FormField>
              )
            })}
          </View>
        ))}
      </Panel>
      <Panel title='计时方式'>
        <Text className='admin-note'>全天计时：时限按自然时间计算。仅营业时间：营业时间外不计时，例如 20:30 提交、2 小时内响应，则次日营业后 2 小时内响应。</Text>
        <FormField label='方式' stacked>
          <ChoiceChips options={MODES} value={form.businessHoursOn ? 'business' : 'always'} onChange={(mode) => update({ businessHoursOn: mode === 'business' })} testId='sla-mode' />
        </FormField>
        {form.businessHoursOn && (
          <>
            <FormField label='营业时间' error={errorAt('businessHours.opens') || errorAt('businessHours.closes') || (noDays ? null : hoursProblem)}>
              <View className='sla-times'>
                <Input
                  className='sla-clock'
                  placeholder='09:00'
                  maxlength={CLOCK_TIME.maxLength}
                  value={form.opens}
                  onInput={(event) => update({ opens: event.detail.value })}
                  data-testid='sla-opens'
                />
                <Text>至</Text>
                <Input
                  className='sla-clock'
                  placeholder='21:00'
                  maxlength={CLOCK_TIME.maxLength}
                  value={form.closes}
                  onInput={(event) => update({ closes: event.detail.value })}
                  data-testid='sla-closes'
                />
              </View>
            </FormField>
            <FormField label='营业日' error={noDays ? hoursProblem : null} stacked>
              <ChoiceChips
                options={WEEKDAYS}
                value={form.weekdays}
                onChange={(day) => update({ weekdays: form.weekdays.includes(day) ? form.weekdays.filter((kept) => kept !== day) : [...form.weekdays, day] })}
                testId='sla-weekday'
              />
            </FormField>
          </>
        )}
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={saving} disabled={saving} onClick={() => void save()} data-testid='sla-save'>
          保存
        </Button>
      </View>
    </View>
  )
}
