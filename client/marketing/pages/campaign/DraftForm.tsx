import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Input, Picker } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { groupDigits } from '@contract/format'
import type { Campaign, Segment } from '@contract/marketing'
import { CAMPAIGN_NAME, CAMPAIGN_TEXT, CAP_DAYS, CAP_MESSAGES, HOLDOUT_PERCENT, LANDING_KINDS, LANDING_LABELS, QUIET_HOURS } from '@contract/marketingFields'
import { CAMPAIGN_TEMPLATES, PURPOSES } from '@contract/templates'
import { FormField, Panel } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { callCloud } from '../../../services/cloud'
import { openPage } from '../../../services/navigate'
import { confirmDialog, toast } from '../../../admin/validation'
import { carriesCoupon, draftMessage, formOfCampaign, newCampaignForm, readCampaignForm, shopToday, type CampaignForm } from '../../components/campaignForm'
import { CouponFields } from '../../components/CouponFields'
import { Choices } from '../../components/Choices'
import { PreviewBlock } from '../../components/CampaignViews'
import { MessageCard } from '../../components/MessageCard'
import { filterWords } from '../../components/segmentForm'
import type { CampaignEditor } from '../../hooks/useCampaignEditor'
import { LandingPicker } from './LandingPicker'

const TEMPLATES = CAMPAIGN_TEMPLATES.map((template) => ({ key: template, label: PURPOSES[template].title }))
const LANDINGS = LANDING_KINDS.map((kind) => ({ key: kind, label: LANDING_LABELS[kind] }))
const SCHEDULES = [
  { key: 'now' as const, label: '开始后立即发送' },
  { key: 'at' as const, label: '定时发送' },
]
const COUPON_CHOICES = [
  { key: false, label: '不附券' },
  { key: true, label: '每位收件会员发一张券' },
]
const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`
const QUIET = `${pad(QUIET_HOURS.from)}–${pad(QUIET_HOURS.to)}`

interface DraftFormProps {
  campaign: Campaign | null
  initialSegmentId: string | null
  editor: CampaignEditor
}

/** A draft campaign: every field checked with the contract's rules as it is typed; 预览 saves it, then shows who would receive what. */
export function DraftForm({ campaign, initialSegmentId, editor }: DraftFormProps) {
  const [form, setForm] = useState<CampaignForm>(() => (campaign ? formOfCampaign(campaign) : newCampaignForm(initialSegmentId)))
  const [attempted, setAttempted] = useState(false)
  const [dirty, setDirty] = useState(campaign === null)
  const [refusals, setRefusals] = useState(0)
  const segments = useCloudQuery<Segment[]>(() => callCloud('marketing', 'segments', {}))
  const now = new Date()
  const checked = readCampaignForm(form, now)
  const serverError = (path: string) => editor.fieldErrors[path]
  const errorAt = (path: string, typed: string | null = null) => ((attempted || (typed !== null && typed.trim() !== '')) && checked.errors[path]) || serverError(path) || null
  const busy = editor.saving || editor.acting
  const preview = dirty ? null : editor.preview

  useEffect(() => {
    if (refusals > 0) Taro.pageScrollTo({ selector: '.mk-campaign .form-field--invalid', offsetTop: -120, duration: 300 }).catch(() => undefined)
  }, [refusals])

  function update(patch: Partial<CampaignForm>) {
    editor.clearFieldErrors()
    editor.clearPreview()
    setDirty(true)
    setForm((current) => ({ ...current, ...patch }))
  }

  /** The form saved as the draft, or undefined (its problems marked) when it cannot be. */
  async function saved(): Promise<Campaign | undefined> {
    setAttempted(true)
    if (!checked.draft) {
      setRefusals((count) => count + 1)
      toast(Object.values(checked.errors)[0] ?? '请检查输入')
      return undefined
    }
    if (campaign && !dirty) return campaign
    const result = await editor.saveDraft(checked.draft)
    if (result) setDirty(false)
    else setRefusals((count) => count + 1)
    return result
  }

  async function save() {
    if (await saved()) Taro.showToast({ title: '草稿已保存', icon: 'success' })
  }

  async function runPreview() {
    const draft = await saved()
    if (draft) await editor.runPreview(draft.id)
  }

  async function start() {
    if (!campaign || !preview) return toast('请先预览')
    const when = campaign.sendAt ? `将于 ${form.date} ${form.time}（北京时间）开始发送` : '将立即开始发送'
    const content = `${when}：预计${preview.estimated ? '约' : ''} ${groupDigits(preview.willSend)} 位会员收到「${campaign.name}」。分群 ${groupDigits(preview.recipients)} 人中，对照组 ${groupDigits(preview.heldOut)} 人不发送，${groupDigits(preview.noConsent)} 人未订阅，${groupDigits(preview.optedOut)} 人已退订，${groupDigits(preview.capped)} 人已达频次上限。开始后草稿不能再修改。`
    if (!(await confirmDialog('开始发送', content, '开始发送'))) return
    if (!(await editor.change('startCampaign'))) return
    Taro.showToast({ title: campaign.sendAt ? '已排期' : '已开始发送', icon: 'success' })
    // The page turns into the campaign's status and results: from its top.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 300 }).catch(() => undefined)
  }

  const segmentList = segments.data ?? []
  const chosen = segmentList.find((segment) => segment.id === form.segmentId) ?? (campaign?.segment.id === form.segmentId ? campaign.segment : null)
  const labels = PURPOSES[form.template].labels
  const text = (field: 'title' | 'body' | 'tip', label: string, placeholder: string) => {
    const length = form[field].trim().length
    return (
      <FormField label={label} error={errorAt(`texts.${field}`, form[field])}>
        <Input className='admin-input' maxlength={-1} placeholder={placeholder} value={form[field]} onInput={(event) => update({ [field]: event.detail.value })} data-testid={`campaign-${field}`} />
        <Text className={`mk-counter ${length > CAMPAIGN_TEXT.max ? 'mk-counter--over' : ''}`} data-testid={`campaign-${field}-count`}>
          {length}/{CAMPAIGN_TEXT.max}
        </Text>
      </FormField>
    )
  }

  return (
    <View className='mk-campaign' data-testid='campaign-draft'>
      {campaign && <Text className='admin-hint admin-hint--left mk-intro'>草稿 · 修改后请重新预览，再开始发送</Text>}
      <Panel title='基本信息'>
        <FormField label='活动名称' error={errorAt('name', form.name)}>
          <Input
            className='admin-input'
            maxlength={-1}
            placeholder={`最多 ${CAMPAIGN_NAME.max} 个字，仅员工可见`}
            value={form.name}
            onInput={(event) => update({ name: event.detail.value })}
            data-testid='campaign-name'
          />
        </FormField>
        <FormField label='目标分群' error={errorAt('segmentId')} stacked>
          {segments.status === 'loading' && <Text className='admin-note'>正在加载分群…</Text>}
          {segments.status === 'error' && (
            <Text className='admin-note mk-link' onClick={() => void segments.reload()}>
              分群加载失败：{segments.error.message}（点此重试）
            </Text>
          )}
          {segments.status === 'ready' && segmentList.length === 0 && (
            <Text className='admin-note mk-link' onClick={() => void openPage('/marketing/pages/segment/index')}>
              还没有分群，点此新建
            </Text>
          )}
          <View className='mk-options' data-testid='campaign-segments'>
            {segmentList.map((segment) => (
              <View
                key={segment.id}
                className={`mk-option ${segment.id === form.segmentId ? 'mk-option--on' : ''}`}
                onClick={() => update({ segmentId: segment.id })}
                data-testid={`campaign-segment-${segment.id}`}
              >
                <Text className='mk-option__label'>{segment.name}</Text>
                <Text className='mk-option__note'>{groupDigits(segment.members)} 人</Text>
              </View>
            ))}
          </View>
          {chosen && <Text className='admin-note'>条件：{filterWords(chosen.filter)}</Text>}
        </FormField>
      </Panel>

      <Panel title='消息'>
        <FormField label='消息模板' error={errorAt('template')} stacked>
          <Choices
            options={TEMPLATES}
            value={form.template}
            onChange={(template) => update({ template, coupon: template === 'campaignCoupon' ? { ...form.coupon, kind: 'fixed' } : form.coupon })}
            testId='campaign-template'
          />
        </FormField>
        <Text className='admin-note' data-testid='campaign-consent-note'>
          营销消息只能使用营销模板（活动通知、优惠到账），并且只发给订阅了「{PURPOSES[form.template].title}」、仍有订阅次数的会员；其余会员计入「未订阅」，不会收到。
        </Text>
        {text('title', labels.thing1, `${labels.thing1}，最多 ${CAMPAIGN_TEXT.max} 个字`)}
        {form.template === 'campaignActivity' && text('body', labels.thing2, `${labels.thing2}，最多 ${CAMPAIGN_TEXT.max} 个字`)}
        {text('tip', form.template === 'campaignActivity' ? labels.thing3 : labels.thing4, `如 到店出示会员卡即可使用`)}
        {form.template === 'campaignCoupon' && <Text className='admin-note'>优惠金额和有效期按下方代金券的面值和有效天数填写。</Text>}
        {serverError('texts') && <Text className='form-field__error mk-error'>{serverError('texts')}</Text>}
        <Text className='mk-block__sub'>消息预览（会员在微信「服务通知」中看到的样子）</Text>
        <MessageCard message={draftMessage(form, now)} testId='campaign-message' />
      </Panel>

      <Panel title='落地页'>
        <FormField label='打开' error={errorAt('landing.kind')} stacked>
          <Choices options={LANDINGS} value={form.landingKind} onChange={(landingKind) => update({ landingKind, landingId: null })} testId='campaign-landing' />
        </FormField>
        {(form.landingKind === 'activity' || form.landingKind === 'reward') && (
          <FormField label={form.landingKind === 'activity' ? '选择活动' : '选择商品'} error={errorAt('landing.id')} stacked>
            <LandingPicker key={form.landingKind} kind={form.landingKind} value={form.landingId} onChange={(landingId) => update({ landingId })} disabled={busy} />
          </FormField>
        )}
      </Panel>

      <Panel title='优惠券'>
        {form.template === 'campaignActivity' ? (
          <FormField label='随消息发券' stacked>
            <Choices options={COUPON_CHOICES} value={form.withCoupon} onChange={(withCoupon) => update({ withCoupon })} testId='campaign-with-coupon' />
          </FormField>
        ) : (
          <Text className='admin-note'>优惠到账通知须附带一张代金券，每位收到消息的会员发放一张。</Text>
        )}
        {serverError('coupon') && <Text className='form-field__error mk-error'>{serverError('coupon')}</Text>}
        {carriesCoupon(form) && (
          <CouponFields
            coupon={form.coupon}
            onChange={(patch) => update({ coupon: { ...form.coupon, ...patch } })}
            serverError={serverError}
            attempted={attempted}
            cashOnly={form.template === 'campaignCoupon'}
            kindError={checked.errors['coupon.kind'] ?? serverError('coupon.kind')}
          />
        )}
      </Panel>

      <Panel title='发送设置'>
        <FormField label='发送时间' error={errorAt('sendAt')} stacked>
          <Choices options={SCHEDULES} value={form.schedule} onChange={(schedule) => update({ schedule })} testId='campaign-schedule' />
          {form.schedule === 'at' && (
            <View className='mk-when'>
              <Picker mode='date' value={form.date || shopToday(now)} start={shopToday(now)} onChange={(event) => update({ date: String(event.detail.value) })}>
                <View className={`mk-when__pick ${form.date ? '' : 'mk-when__pick--empty'}`} data-testid='campaign-date'>
                  {form.date || '选择日期'}
                </View>
              </Picker>
              <Picker mode='time' value={form.time || '10:00'} onChange={(event) => update({ time: String(event.detail.value) })}>
                <View className={`mk-when__pick ${form.time ? '' : 'mk-when__pick--empty'}`} data-testid='campaign-time'>
                  {form.time || '选择时间'}
                </View>
              </Picker>
              <Text className='mk-when__zone'>北京时间</Text>
            </View>
          )}
        </FormField>
        <Text className='admin-note' data-testid='campaign-quiet-note'>
          静默时段 {QUIET}（北京时间）不发送：发送到 {pad(QUIET_HOURS.from)} 时暂停，次日 {pad(QUIET_HOURS.to)} 自动继续。
        </Text>
        <NumberField
          label='对照组（%）'
          rule={HOLDOUT_PERCENT}
          value={form.holdoutPercent}
          onChange={(holdoutPercent) => update({ holdoutPercent })}
          serverError={serverError('holdoutPercent')}
          attempted={attempted}
          testId='campaign-holdout'
        />
        <Text className='admin-note'>随机留出这部分会员不发送，用来对比收到消息的会员多带来的购买；0 为不设对照组（无法计算提升）。</Text>
        <NumberField
          label='频次上限（条）'
          rule={CAP_MESSAGES}
          value={form.capMessages}
          onChange={(capMessages) => update({ capMessages })}
          serverError={serverError('cap.messages')}
          attempted={attempted}
          testId='campaign-cap-messages'
        />
        <NumberField
          label='频次周期（天）'
          rule={CAP_DAYS}
          value={form.capDays}
          onChange={(capDays) => update({ capDays })}
          serverError={serverError('cap.days')}
          attempted={attempted}
          testId='campaign-cap-days'
        />
        <Text className='admin-note'>
          同一会员 {form.capDays.trim() || '—'} 天内最多收到 {form.capMessages.trim() || '—'} 条营销消息（所有营销活动合计），超出的计入「频次限制」。
        </Text>
      </Panel>

      <View className='admin-actions'>
        <Button fill='outline' block loading={editor.saving} disabled={busy} onClick={() => void save()} data-testid='campaign-save'>
          保存草稿
        </Button>
        <Button type='primary' block loading={editor.acting && !preview} disabled={busy} onClick={() => void runPreview()} data-testid='campaign-preview'>
          预览
        </Button>
      </View>
      {preview && (
        <>
          <PreviewBlock preview={preview} />
          <View className='admin-actions'>
            <Button type='primary' block loading={editor.acting} disabled={busy} onClick={() => void start()} data-testid='campaign-start'>
              {form.schedule === 'at' ? '确认排期' : '开始发送'}
            </Button>
          </View>
        </>
      )}
    </View>
  )
}
