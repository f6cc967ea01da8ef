import { useState } from 'react'
import { View, Text, Input, Textarea, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { readNumber, textProblem } from '@contract/fields'
import { REWARD_DESCRIPTION, REWARD_IMAGE, REWARD_NAME, REWARD_POINTS_COST, REWARD_STOCK } from '@contract/staffFields'
import type { Reward } from '@contract/rewards'
import { FormField, Panel } from '../../components/FormField'
import { NumberField } from '../../components/FormField/NumberField'
import type { RewardDraft } from '../../hooks/useAdminRewards'
import { pickImage } from '../../services/upload'
import { shownError, toast } from '../validation'
import './admin.scss'
import './RewardForm.scss'

interface RewardFormProps {
  reward: Reward | null
  fieldErrors: Record<string, string>
  busy: boolean
  onSave: (draft: RewardDraft) => void
  onCancel: () => void
  upload: (path: string) => Promise<string>
}

/** Typed text is never cut short: what is too long stays on screen and says so. */
const NO_CUT = -1

/** Create or edit a reward; field errors come from the client's checks, then from the envelope's `fields`. */
export function RewardForm({ reward, fieldErrors, busy, onSave, onCancel, upload }: RewardFormProps) {
  const [name, setName] = useState(reward?.name ?? '')
  const [description, setDescription] = useState(reward?.description ?? '')
  const [costText, setCostText] = useState(reward ? String(reward.pointsCost) : '')
  const [stockText, setStockText] = useState(reward ? String(reward.stock) : '')
  const [image, setImage] = useState({ fileId: reward?.imageFileId ?? null, url: reward?.imageUrl ?? null })
  const [imageError, setImageError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const [attempted, setAttempted] = useState(false)
  const pointsCost = readNumber(costText, REWARD_POINTS_COST)
  const stock = readNumber(stockText, REWARD_STOCK)
  const nameError = textProblem(name, REWARD_NAME)
  const descriptionError = textProblem(description, REWARD_DESCRIPTION)

  async function choosePicture() {
    const picked = await pickImage()
    if (!picked) return
    // The server reads the stored file and has the last word; a picture plainly too big is not sent at all.
    if (picked.bytes > REWARD_IMAGE.maxBytes) return setImageError(REWARD_IMAGE.tooLarge)
    setUploading(true)
    try {
      setImage({ fileId: await upload(picked.path), url: picked.path })
      setImageError(null)
    } catch {
      setImageError('图片上传失败，请重试')
    } finally {
      setUploading(false)
    }
  }

  function save() {
    setAttempted(true)
    const problem = nameError ?? descriptionError ?? pointsCost.error ?? stock.error ?? imageError
    if (problem !== null || pointsCost.value === null || stock.value === null) return toast(problem ?? '请检查输入')
    onSave({ name: name.trim(), description: description.trim(), pointsCost: pointsCost.value, stock: stock.value, imageFileId: image.fileId })
  }

  return (
    <View data-testid='reward-form'>
      <Panel title={reward ? `编辑「${reward.name}」` : '新增礼品'}>
        <FormField label='名称' error={(attempted ? nameError : shownError(name, nameError)) ?? fieldErrors.name}>
          <Input className='admin-input' placeholder={`最多 ${REWARD_NAME.max} 个字`} maxlength={NO_CUT} value={name} onInput={(event) => setName(event.detail.value)} data-testid='reward-name' />
        </FormField>
        <FormField label='描述' error={shownError(description, descriptionError) ?? fieldErrors.description} stacked>
          <Textarea
            className='admin-textarea'
            placeholder={`选填，最多 ${REWARD_DESCRIPTION.max} 个字`}
            maxlength={NO_CUT}
            value={description}
            onInput={(event) => setDescription(event.detail.value)}
          />
        </FormField>
        <NumberField
          label='所需积分'
          rule={REWARD_POINTS_COST}
          value={costText}
          onChange={setCostText}
          attempted={attempted}
          serverError={fieldErrors.pointsCost}
          placeholder='如 500'
          testId='reward-cost'
        />
        <NumberField label='库存' rule={REWARD_STOCK} value={stockText} onChange={setStockText} attempted={attempted} serverError={fieldErrors.stock} placeholder='如 20' testId='reward-stock' />
        <FormField label='图片' error={imageError ?? fieldErrors.imageFileId} stacked>
          <View className='reward-picture'>
            {image.url ? <Image className='reward-picture__preview' src={image.url} mode='aspectFill' /> : <View className='reward-picture__empty'>暂无图片</View>}
            <View className='reward-picture__actions'>
              <Button size='small' fill='outline' loading={uploading} disabled={uploading} onClick={choosePicture} data-testid='reward-picture'>
                {image.fileId ? '更换图片' : '选择图片'}
              </Button>
              {image.fileId && (
                <Button size='small' fill='none' disabled={uploading} onClick={() => setImage({ fileId: null, url: null })}>
                  移除
                </Button>
              )}
              <Text className='reward-picture__hint'>{REWARD_IMAGE.hint}</Text>
            </View>
          </View>
        </FormField>
      </Panel>
      <View className='admin-actions'>
        <Button fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy || uploading} onClick={save} data-testid='reward-save'>
          保存
        </Button>
      </View>
    </View>
  )
}
