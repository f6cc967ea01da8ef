// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TierId } from '@contract/enums'
import type { PublishResult, RulesOverview, RulesPreview } from '@contract/tiers'
import { textProblem } from '@contract/fields'
import { RULES_EXPLANATION } from '@contract/rulesFields'
import { FormField, Panel } from '../../../components/FormField'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useRulesEditor } from '../../../hooks/useRulesEditor'
import { ActionForm } from '../../components/ActionForm'
import { RoleGate } from '../../components/RoleGate'
import { confirmDialog, shownError, toast } from '../../validation'
import { Chips } from '../../components/Chips'
import { draftOf, formOf, type RulesForm, type TierForm } from './draftForm'
import { History } from './History'
import { PointsFields } from './PointsFields'
import { PreviewResult } from './PreviewResult'
import { TierFields } from './TierFields'
import './index.scss'
import { groupDigits } from '@contract/format'

const BASES: { key: RulesForm['basis']; label: string }[] = [
  { key: 'spend', label: '按消费金额' },
  { key: 'points', label: '按获得积分' },
]

/** Whoever may read the rules (tiers.rules in the contract's access map). */
export default function RulesPage() {
  return <RoleGate area='rules'>{() => <Rules />}</RoleGate>
}

function Rules() {
  const editor = useRulesEditor()
  const [published, setPublished] = useState<PublishResult | null>(null)
  usePullDownRefresh(async () => {
    await editor.overview.reload()
    Taro.stopPullDownRefresh()
  })
  const { overview } = editor
  if (overview.status === 'loading') return <LoadingView />
  if (overview.status === 'error') return <ErrorView message={overview.error.message} onRetry={overview.reload} />
  return <Editor key={overview.data.active.version} overview={overview.data} editor={editor} published={published} onPublished={setPublished} />
}

interface EditorProps {
  overview: RulesOverview
  editor: ReturnType<typeof useRulesEditor>
  published: PublishResult | null
  onPublished: (result: PublishResult) => void
}

/** The active version as an editable draft; preview it, then publish it with an explanation. */
function Editor({ overview, editor, published, onPublished }: EditorProps) {
  const [form, setForm] = useState(() => formOf(overview.active.draft))
  const [attempted, setAttempted] = useState(false)
  const [preview, setPreview] = useState<{ result: RulesPreview; draftJson: string } | null>(null)
  const [explanation, setExplanation] = useState('')
  const checked = draftOf(form)
  const draftJson = checked.draft ? JSON.stringify(checked.draft) : null
  const currentPreview = preview && preview.draftJson === draftJson ? preview.result : null
  const names = Object.fromEntries(form.tiers.map((tier) => [tier.id, tier.name.trim() || tier.id])) as Record<TierId, string>
  // The form's own problems show as they are typed (the active rules it starts from are all valid); the server's after a preview.
  const errorAt = (path: string) => checked.errors[path] ?? editor.fieldErrors[`draft.${path}`]
  const explanationError = textProblem(explanation, RULES_EXPLANATION)
  // A refused preview brings the first marked field into view: a toast alone left it scrolled off screen.
  const [refusals, setRefusals] = useState(0)
  useEffect(() => {
    if (refusals > 0) Taro.pageScrollTo({ selector: '.rules-page .form-field--invalid', offsetTop: -120, duration: 300 }).catch(() => undefined)
  }, [refusals])

  function update(change: (current: RulesForm) => RulesForm) {
    editor.clearFieldErrors()
    setForm(change)
  }
  const updateTier = (index: number, patch: Partial<TierForm>) => update((current) => ({ ...current, tiers: current.tiers.map((tier, at) => (at === index ? { ...tier, ...patch } : tier)) }))

  async function runPreview() {
    setAttempted(true)
    if (!checked.draft || !draftJson) {
      setRefusals((count) => count + 1)
      return toast(Object.values(checked.errors)[0] ?? '请检查输入')
    }
    const result = await editor.preview(checked.draft)
    if (result) setPreview({ result, draftJson })
    else setRefusals((count) => count + 1)
  }

  async function publish() {
    if (!checked.draft || !currentPreview) return toast('请先预览')
    if (explanationError) return toast(explanationError)
    if (!(await confirmDialog('发布新规则', `发布后立即生效，${currentPreview.upgrades.reduce((sum, up) => sum + up.count, 0)} 位会员将立即升级；降级在各自有效期结束后评估。`, '发布'))) return
    const result = await editor.publish(checked.draft, explanation.trim())
    if (!result) setRefusals((count) => count + 1)
    if (result) {
      Taro.showToast({ title: `已发布第 ${result.version} 版`, icon: 'success' })
      onPublished(result)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 300 })
    }
  }

  return (
    <View className='rules-page' data-testid='rules-editor'>
      {published && published.version === overview.active.version && (
        <View className='admin-result' data-testid='rules-published'>
          <Text className='admin-result__title'>已发布第 {published.version} 版</Text>
          <Text className='admin-result__line'>{groupDigits(published.upgraded)} 位会员已按新规则升级</Text>
        </View>
      )}
      <Text className='admin-hint admin-hint--left rules-page__intro'>当前为第 {overview.active.version} 版。修改后先预览对会员的影响，再填写说明发布。</Text>
      <Panel title='等级评定'>
        <FormField label='评定依据'>
          <Chips options={BASES} value={form.basis} onChange={(basis) => update((current) => ({ ...current, basis }))} testId='rules-basis' />
        </FormField>
        <Text className='rules-page__note'>按近 12 个月的{form.basis === 'spend' ? '消费金额' : '获得积分'}评定，达到门槛即时升级，等级保留 12 个月。</Text>
      </Panel>
      {form.tiers.map((tier, index) => (
        <TierFields key={tier.id} tier={tier} index={index} basis={form.basis} errorAt={errorAt} attempted={attempted} onChange={(patch) => updateTier(index, patch)} />
      ))}
      <PointsFields points={form.points} errorAt={errorAt} attempted={attempted} onChange={(patch) => update((current) => ({ ...current, points: { ...current.points, ...patch } }))} />
      <View className='admin-actions'>
        <Button type='primary' block loading={editor.previewBusy} disabled={editor.previewBusy} onClick={runPreview} data-testid='rules-preview-button'>
          预览
        </Button>
      </View>
      {preview && !currentPreview && <Text className='admin-hint'>草稿已修改，请重新预览</Text>}
      {currentPreview && (
        <>
          <PreviewResult preview={currentPreview} names={names} />
          <ActionForm title='发布' submitLabel='发布' onSubmit={publish} busy={editor.publishBusy} testId='rules-publish'>
            <FormField label='调整说明' error={shownError(explanation, explanationError) ?? editor.fieldErrors.explanation} stacked>
              <Textarea
                className='admin-textarea'
                maxlength={RULES_EXPLANATION.max}
                placeholder={`必填，${RULES_EXPLANATION.min}–${RULES_EXPLANATION.max} 字，会员会在会员卡上看到。如：银卡门槛下调至 ¥800，更容易升级`}
                value={explanation}
                onInput={(event) => setExplanation(event.detail.value)}
                data-testid='rules-explanation'
              />
            </FormField>
          </ActionForm>
        </>
      )}
      <History versions={overview.history} active={overview.active.version} />
    </View>
  )
}
