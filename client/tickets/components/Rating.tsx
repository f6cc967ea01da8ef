import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TICKET_RATING_COMMENT } from '@contract/ticketFields'
import { textProblem } from '@contract/fields'
import { TextBox } from './TextBox'

const SCORE_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意']

/** 1–5 stars, tappable when `onPick` is given (as the activity rating, with the ticket's test ids). */
export function TicketStars({ score, onPick }: { score: number; onPick?: (score: number) => void }) {
  return (
    <View className='ticket-stars'>
      {[1, 2, 3, 4, 5].map((star) => (
        <Text
          key={star}
          className={`ticket-stars__star ${star <= score ? 'ticket-stars__star--on' : ''}`}
          onClick={onPick && (() => onPick(star))}
          data-testid={onPick ? `ticket-star-${star}` : undefined}
        >
          ★
        </Text>
      ))}
      {score > 0 && <Text className='ticket-stars__word'>{SCORE_WORDS[score]}</Text>}
    </View>
  )
}

interface Props {
  busy: boolean
  closes: boolean
  serverError: (field: 'score' | 'comment') => string | null
  onSubmit: (score: number, comment: string) => Promise<unknown>
  onCancel: () => void
}

/** 评价 the latest resolution: stars and an optional comment, checked by the contract's rule before anything is sent. */
export function TicketRatingForm({ busy, closes, serverError, onSubmit, onCancel }: Props) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [tried, setTried] = useState(false)
  const commentProblem = textProblem(comment, TICKET_RATING_COMMENT)

  async function submit() {
    setTried(true)
    const problem = score === 0 ? '请选择评分' : commentProblem
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' })
    if ((await onSubmit(score, comment.trim())) !== undefined) void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
  }

  return (
    <View className='ticket-panel' data-testid='ticket-rate-form'>
      <Text className='ticket-panel__title'>评价本次处理</Text>
      <TicketStars score={score} onPick={setScore} />
      {tried && score === 0 && <Text className='ticket-panel__error'>请选择评分</Text>}
      {serverError('score') && <Text className='ticket-panel__error'>{serverError('score')}</Text>}
      <TextBox
        value={comment}
        onInput={setComment}
        rule={TICKET_RATING_COMMENT}
        placeholder='说说您对处理结果的感受（选填）'
        error={(tried && commentProblem) || serverError('comment')}
        testId='ticket-rate-comment'
      />
      {closes && <Text className='ticket-panel__hint'>提交评价即视为问题已解决，工单将关闭</Text>}
      <View className='ticket-panel__actions'>
        <Button size='small' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' size='small' disabled={busy} loading={busy} onClick={submit} data-testid='ticket-rate-submit'>
          提交评价
        </Button>
      </View>
    </View>
  )
}
