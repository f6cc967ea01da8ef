import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MemberArchive } from '@contract/archive'
import { GENDER_LABELS } from '@contract/enums'
import { formatDate, formatDateTime } from '@contract/format'
import type { Role } from '@contract/roles'
import { phoneFor } from './phone'
import './archive.scss'

interface ProfileSectionProps {
  archive: MemberArchive
  role: Role
  /** 修改生日, for those who may (owner and admin). */
  onBirthday?: () => void
  /** 注销会员, for the owner. */
  onRemove?: () => void
}

/** 资料: the profile, the tier and how it came to be, and tags; the corrections the role may make. */
export function ProfileSection({ archive, role, onBirthday, onRemove }: ProfileSectionProps) {
  return (
    <View data-testid='archive-profile'>
      {archive.removed && (
        <View className='archive-card archive-card--padded archive-card--erased' data-testid='archive-erased-notice'>
          <Text className='archive-card__title'>该会员已注销{archive.erasedAt ? `（${formatDate(archive.erasedAt)}）` : ''}</Text>
          <Text className='archive-muted'>姓名、手机号、生日、头像、标签、备注和工单内容已匿名化；积分流水与消费记录为对账保留。</Text>
        </View>
      )}
      <View className='archive-card'>
        <Row label='性别'>{GENDER_LABELS[archive.gender]}</Row>
        <Row label='生日' testId='archive-birthday'>
          <Text>{archive.birthday ? formatDate(archive.birthday) : '未设置'}</Text>
          {onBirthday && (
            <Text className='archive-row__action' onClick={onBirthday} data-testid='archive-birthday-edit'>
              修改
            </Text>
          )}
        </Row>
        <Row label='手机'>{phoneFor(role, archive.phone)}</Row>
        <Row label='入会'>
          {formatDate(archive.joinedAt)}
          {archive.storeName ? ` · ${archive.storeName}` : ''}
        </Row>
        <Row label='最近活跃'>{formatDateTime(archive.lastActiveAt)}</Row>
        {archive.rfmLabel && <Row label='会员分类'>{archive.rfmLabel}</Row>}
        {archive.nextExpiry && (
          <Row label='即将过期'>
            {archive.nextExpiry.points} 积分 · {formatDate(archive.nextExpiry.at)}
          </Row>
        )}
      </View>
      <View className='archive-card'>
        <Text className='archive-card__title'>标签</Text>
        {archive.tags.length === 0 ? (
          <Text className='archive-muted archive-tags'>暂无标签</Text>
        ) : (
          <View className='archive-tags' data-testid='archive-tags'>
            {archive.tags.map((tag) => (
              <Text key={tag} className='archive-tag'>
                {tag}
              </Text>
            ))}
          </View>
        )}
      </View>
      <TierHistory archive={archive} />
      {onRemove && (
        <View className='archive-danger'>
          <Button type='danger' fill='outline' block onClick={onRemove} data-testid='archive-remove-open'>
            注销会员
          </Button>
        </View>
      )}
    </View>
  )
}

function TierHistory({ archive }: { archive: MemberArchive }) {
  return (
    <View className='archive-card' data-testid='archive-tier'>
      <Text className='archive-card__title'>等级</Text>
      <Row label='当前等级'>{archive.tierName}</Row>
      <Row label='获得于'>{formatDate(archive.tierSince)}</Row>
      {archive.tierUntil && <Row label='有效期至'>{formatDate(archive.tierUntil)}</Row>}
      {archive.tierHistory.length === 0 && <Text className='archive-muted archive-tags'>暂无等级变动记录</Text>}
      {archive.tierHistory.length > 0 && (
        <View className='archive-history' data-testid='archive-tier-history'>
          {archive.tierHistory.map((entry, index) => (
            <View key={`${entry.at}-${index}`} className='archive-history__entry'>
              <Text className='archive-history__change'>{entry.fromName ? `${entry.fromName} → ${entry.toName}` : `入会 · ${entry.toName}`}</Text>
              <Text className='archive-muted'>
                {formatDateTime(entry.at)} · {entry.reason}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='archive-row' data-testid={testId}>
      <Text className='archive-row__label'>{label}</Text>
      <View className='archive-row__value'>{children}</View>
    </View>
  )
}
