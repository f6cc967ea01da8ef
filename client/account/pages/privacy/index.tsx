import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { PrivacyDialog } from '../../../components/PrivacyDialog'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useMember } from '../../../hooks/useMember'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { ensurePrivacyAuthorized, openPrivacyGuide, privacyPending } from '../../../services/privacy'
import { usePrivacyAnswer } from '../../../services/privacyPrompt'
import '../../components/account.scss'

/** What the shop keeps about the member and why, the privacy guide and its agreement, and the member's data rights. */
export default function PrivacyPage() {
  const member = useMember()
  const pending = useCloudQuery(privacyPending)
  const answer = usePrivacyAnswer()
  // An answer in the dialog (here or on another page) changes what WeChat keeps.
  const reloadPending = pending.reload
  useEffect(() => {
    if (answer) void reloadPending()
  }, [answer, reloadPending])
  useOnReturn(() => Promise.all([member.reload(), pending.reload()]))

  if (member.status === 'loading') return <LoadingView />
  if (member.status === 'error') return <ErrorView message={member.error.message} onRetry={member.reload} />
  const agreed = pending.status === 'ready' && !pending.data
  return (
    <View className='account-page' data-testid='account-privacy'>
      <View className='account-card'>
        <Text className='account-card__title'>我们保存哪些信息</Text>
        <Text className='account-card__text'>
          姓名、性别和生日用于会员卡与生日礼遇；手机号（选填）用于门店查询您的会员卡；消费、积分、优惠券、活动和工单记录用于积分、等级与售后服务。员工只能看到隐去中间四位的手机号，每次查看您的资料都会留下记录。
        </Text>
      </View>
      <View className='account-list'>
        <View className='account-row' onClick={openPrivacyGuide} data-testid='privacy-open-guide'>
          <Text>隐私保护指引</Text>
          <Text className='account-row__chevron'>›</Text>
        </View>
        <View className='account-row' onClick={() => !agreed && void ensurePrivacyAuthorized()} data-testid='privacy-status'>
          <View className='account-row__main'>
            <Text>授权状态</Text>
            {!agreed && <Text className='account-row__sub'>点击阅读并同意，即可使用微信头像、昵称和手机号</Text>}
          </View>
          <Text className={`account-row__value ${agreed ? 'account-row__value--ok' : ''}`}>{agreed ? '已同意' : '未同意 ›'}</Text>
        </View>
      </View>
      {member.member && (
        <View className='account-list'>
          <View className='account-row' onClick={() => void openPage('/account/pages/data/index')} data-testid='privacy-my-data'>
            <View className='account-row__main'>
              <Text>我的数据</Text>
              <Text className='account-row__sub'>下载您在本店的全部资料与记录</Text>
            </View>
            <Text className='account-row__chevron'>›</Text>
          </View>
          <View className='account-row account-row--danger' onClick={() => void openPage('/account/pages/erase/index')} data-testid='privacy-erase'>
            <View className='account-row__main'>
              <Text>注销会员</Text>
              <Text className='account-row__sub'>删除个人信息，积分与优惠券作废，不可恢复</Text>
            </View>
            <Text className='account-row__chevron'>›</Text>
          </View>
        </View>
      )}
      <PrivacyDialog />
    </View>
  )
}
