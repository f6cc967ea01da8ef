import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { RATING_COMMENT } from '@contract/activityFields'
import { textProblem } from '@contract/fields'

const SCORE_WORDS = ['', '很差', '较差', '一般', '满意', '非常满意']

export function Stars({ score, onPick }: { score: number; onPick?: (score: number) => void }) {
  return (
    <View className='rating-stars' data-testid='rating-stars'>
      {[1, 2, 3, 4, 5].map((star) => (
        <Text key={star} className={`rating-stars__star ${star <= score ? 'rating-stars__star--on' : ''}`} onClick={onPick && (() => onPick(star))} data-testid={`rating-star-${star}`}>
          ★
        </Text>
      ))}
      {score > 0 && <Text className='rating-stars__word'>{SCORE_WORDS[score]}</Text>}
    </View>
  )
}

/** 1–5 stars and a comment of at most 200 characters, checked by the contract's rule before anything is sent. */
export function RatingForm({ busy, onSubmit }: { busy: boolean; onSubmit: (score: number, comment: string) => Promise<unknown> }) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const tooLong = textProblem(comment, RATING_COMMENT)

  async function submit() {
    const problem = score === 0 ? '请选择评分' : tooLong
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' })
    if ((await onSubmit(score, comment.trim())) !== undefined) void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
  }

  return (
    <View className='rating-form' data-testid='rating-form'>
      <Text className='rating-form__title'>评价本次活动</Text>
      <Stars score={score} onPick={setScore} />
      {/* -1: no cut-off (WeChat's default is 140); a longer comment is refused with the rule's words. */}
      <Textarea className='rating-form__comment' value={comment} maxlength={-1} placeholder='说说您的感受（选填）' onInput={(event) => setComment(event.detail.value)} data-testid='rating-comment' />
      <View className='rating-form__foot'>
        <Text className={`rating-form__count ${tooLong ? 'rating-form__count--over' : ''}`} data-testid='rating-count'>
          {`${tooLong ? `${tooLong} · ` : ''}${comment.trim().length}/${RATING_COMMENT.max}`}
        </Text>
        <Button type='primary' size='small' disabled={busy} loading={busy} onClick={submit} data-testid='rating-submit'>
          提交评价
        </Button>
      </View>
    </View>
  )
}
