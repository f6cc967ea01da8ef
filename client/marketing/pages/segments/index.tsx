// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/marketing.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDateTime, groupDigits } from '@contract/format'
import { textProblem } from '@contract/fields'
import type { Segment } from '@contract/marketing'
import { TAG } from '@contract/marketingFields'
import { FormField } from '../../../components/FormField'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import { openPage } from '../../../services/navigate'
import { RoleGate } from '../../../admin/components/RoleGate'
import { confirmDialog } from '../../../admin/validation'
import { Choices } from '../../components/Choices'
import { Sheet } from '../../components/Sheet'
import { filterWords } from '../../components/segmentForm'

export default function SegmentsPage() {
  return <RoleGate area='marketing'>{() => <SegmentList />}</RoleGate>
}

export function SegmentList() {
  const list = useCloudQuery<Segment[]>(() => callCloud('marketing', 'segments', {}))
  const remove = useSubmit()
  const [tagging, setTagging] = useState<Segment | null>(null)
  usePullDownRefresh(async () => {
    await list.reload()
    Taro.stopPullDownRefresh()
  })
  // Back from the editor, a saved or new segment shows here too.
  useOnReturn(list.reload)

  async function deleteSegment(segment: Segment) {
    if (!(await confirmDialog('删除分群', `删除「${segment.name}」？已创建的营销活动不受影响。`, '删除'))) return
    const done = await remove.run(() => callCloud('marketing', 'deleteSegment', { id: segment.id }))
    if (done === undefined) return
    Taro.showToast({ title: '已删除', icon: 'success' })
    if (list.data) list.setData(list.data.filter((item) => item.id !== segment.id))
  }

  return (
    <View data-testid='segment-list'>
      <View className='admin-actions'>
        <Button type='primary' block onClick={() => void openPage('/marketing/pages/segment/index')} data-testid='segment-new'>
          新建分群
        </Button>
      </View>
      {list.status === 'loading' && <LoadingView />}
      {list.status === 'error' && <ErrorView message={list.error.message} onRetry={list.reload} />}
      {list.status === 'ready' && list.data.length === 0 && <EmptyView title='还没有分群' description='按等级、会员分类、消费、生日等条件圈出会员，用于营销和批量打标签' />}
      {list.status === 'ready' &&
        list.data.map((segment) => (
          <View key={segment.id} className='mk-row' data-testid='segment-row'>
            <View className='mk-row__head' onClick={() => void openPage(`/marketing/pages/segment/index?id=${segment.id}`)}>
              <Text className='mk-row__title'>{segment.name}</Text>
              <Text className='mk-row__count' data-testid={`segment-members-${segment.id}`}>
                {groupDigits(segment.members)} 人
              </Text>
            </View>
            <Text className='mk-row__meta' onClick={() => void openPage(`/marketing/pages/segment/index?id=${segment.id}`)}>
              {filterWords(segment.filter)}
            </Text>
            <Text className='mk-row__meta'>{formatDateTime(segment.updatedAt)} 保存时的人数；打开编辑可看当前人数</Text>
            <View className='mk-row__actions'>
              <Button size='small' fill='outline' onClick={() => void openPage(`/marketing/pages/segment/index?id=${segment.id}`)} data-testid={`segment-edit-${segment.id}`}>
                编辑
              </Button>
              <Button size='small' fill='outline' onClick={() => setTagging(segment)} data-testid={`segment-tag-${segment.id}`}>
                批量打标签
              </Button>
              <Button size='small' fill='outline' onClick={() => void openPage(`/marketing/pages/campaign/index?segmentId=${segment.id}`)} data-testid={`segment-campaign-${segment.id}`}>
                创建营销
              </Button>
              <Button size='small' fill='none' disabled={remove.busy} onClick={() => void deleteSegment(segment)} data-testid={`segment-delete-${segment.id}`}>
                删除
              </Button>
            </View>
          </View>
        ))}
      {tagging && <TagSheet segment={tagging} onClose={() => setTagging(null)} />}
    </View>
  )
}

const MODES = [
  { key: false, label: '添加标签' },
  { key: true, label: '移除标签' },
]

/** Every member the segment matches now gains (or loses) one tag. */
function TagSheet({ segment, onClose }: { segment: Segment; onClose: () => void }) {
  const [tag, setTag] = useState('')
  const [remove, setRemove] = useState(false)
  const [attempted, setAttempted] = useState(false)
  const submit = useSubmit()
  const problem = textProblem(tag, TAG)
  const error = ((attempted || tag.trim()) && problem) || submit.fieldErrors.tag || null

  async function apply() {
    setAttempted(true)
    if (problem) return
    const result = await submit.run(() => callCloud('marketing', 'tagSegment', { id: segment.id, tag: tag.trim(), remove }))
    if (!result) return
    Taro.showToast({ title: `已为 ${groupDigits(result.members)} 位会员${result.removed ? '移除' : '添加'}「${result.tag}」`, icon: 'none', duration: 2500 })
    onClose()
  }

  return (
    <Sheet title={`批量打标签：${segment.name}`} text='对当前符合该分群条件的全部会员生效；标签可作为分群条件。' onClose={onClose} busy={submit.busy} testId='tag-sheet'>
      <Choices options={MODES} value={remove} onChange={setRemove} testId='tag-mode' />
      <FormField label='标签' error={error}>
        <Input className='admin-input' maxlength={-1} placeholder={`最多 ${TAG.max} 个字，如 高潜力`} value={tag} onInput={(event) => setTag(event.detail.value)} data-testid='tag-text' />
      </FormField>
      <View className='mk-sheet__actions'>
        <Button fill='outline' disabled={submit.busy} onClick={onClose}>
          取消
        </Button>
        <Button type='primary' loading={submit.busy} disabled={submit.busy} onClick={() => void apply()} data-testid='tag-apply'>
          {remove ? '移除' : '添加'}
        </Button>
      </View>
    </Sheet>
  )
}
