import { View, Text } from '@tarojs/components'
import type { ActivityEvaluation } from '@contract/activity'
import { formatDate, groupDigits } from '@contract/format'

const SCORES = [5, 4, 3, 2, 1] as const

/** The mean score, how the 1–5 ratings spread (plain bars), and what members wrote. */
export function Satisfaction({ satisfaction }: { satisfaction: ActivityEvaluation['satisfaction'] }) {
  const { count, mean, distribution, comments } = satisfaction
  const most = Math.max(1, ...distribution)
  return (
    <View className='evaluation__panel' data-testid='evaluation-satisfaction'>
      <Text className='evaluation__panel-title'>满意度</Text>
      {count === 0 || mean === null ? (
        <Text className='admin-note'>还没有会员评价</Text>
      ) : (
        <View className='evaluation__rating'>
          <View className='evaluation__mean'>
            <Text className='evaluation__mean-value' data-testid='evaluation-mean'>
              {mean.toFixed(1)}
            </Text>
            <Text className='evaluation__count-label'>{groupDigits(count)} 人评价</Text>
          </View>
          <View className='evaluation__bars'>
            {SCORES.map((score) => (
              <View key={score} className='evaluation__bar-row' data-testid='evaluation-bar'>
                <Text className='evaluation__bar-label'>{score} 分</Text>
                <View className='evaluation__bar-track'>
                  <View className='evaluation__bar' style={{ width: `${(distribution[score - 1] / most) * 100}%` }} />
                </View>
                <Text className='evaluation__bar-count'>{groupDigits(distribution[score - 1])}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {comments.length > 0 && (
        <View className='evaluation__comments'>
          {comments.map((comment) => (
            <View key={`${comment.at}-${comment.comment}`} className='evaluation__comment' data-testid='evaluation-comment'>
              <Text className='evaluation__comment-score'>{'★'.repeat(comment.score) + '☆'.repeat(5 - comment.score)}</Text>
              <Text className='evaluation__comment-text'>{comment.comment}</Text>
              <Text className='evaluation__comment-at'>{formatDate(comment.at)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
