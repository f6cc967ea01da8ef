// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/marketing.scss'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Role } from '@contract/roles'
import { formatDateTime, groupDigits } from '@contract/format'
import type { RfmOverview } from '@contract/marketing'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { callCloud } from '../../../services/cloud'
import { openPage } from '../../../services/navigate'
import { allows } from '../../../admin/access'
import { RoleGate } from '../../../admin/components/RoleGate'
import { rfmRuleWords } from '../../components/rfmWords'

export default function MarketingHomePage() {
  return <RoleGate area='marketing'>{(role) => <MarketingHome role={role} />}</RoleGate>
}

export function MarketingHome({ role }: { role: Role }) {
  const overview = useCloudQuery<RfmOverview>(() => callCloud('marketing', 'rfmOverview', {}))
  usePullDownRefresh(async () => {
    await overview.reload()
    Taro.stopPullDownRefresh()
  })
  // Back from the thresholds page, the classes show its new rules.
  useOnReturn(overview.reload)
  const links = [
    { id: 'segments', name: '分群列表', text: '保存的分群、人数与批量打标签', url: '/marketing/pages/segments/index', shown: true },
    { id: 'campaigns', name: '营销活动', text: '向分群发送活动通知或优惠券，对比对照组看效果', url: '/marketing/pages/campaigns/index', shown: true },
    { id: 'rfm', name: '分类规则', text: '新会员、活跃、流失风险、沉睡的天数与次数', url: '/marketing/pages/rfm/index', shown: allows(role, 'rfmRules') },
  ].filter((link) => link.shown)

  return (
    <View className='mk-home' data-testid='marketing-home'>
      <View className='console__head'>
        <Text className='console__title'>营销中心</Text>
        <Text className='console__role'>圈出会员分群，向他们发送营销消息，并与对照组比较效果。</Text>
      </View>
      <View className='console__grid mk-links'>
        {links.map((link) => (
          <View key={link.id} className='console__entry' onClick={() => void openPage(link.url)} data-testid={`marketing-${link.id}`}>
            <Text className='console__entry-name'>{link.name}</Text>
            <Text className='console__entry-text'>{link.text}</Text>
          </View>
        ))}
      </View>
      <Text className='mk-home__section'>会员分类（RFM）</Text>
      {overview.status === 'loading' && <LoadingView />}
      {overview.status === 'error' && <ErrorView message={overview.error.message} onRetry={overview.reload} />}
      {overview.status === 'ready' && (
        <>
          <Text className='admin-hint admin-hint--left' data-testid='rfm-computed'>
            {overview.data.computedAt ? `每天按最近消费、消费频次和入会时间自动分类，更新于 ${formatDateTime(overview.data.computedAt)}。` : '尚未完成首次分类，每日自动计算后显示人数。'}
            点一类即可以它为条件新建分群。
          </Text>
          <View className='mk-classes'>
            {overview.data.classes.map((summary) => (
              <View
                key={summary.rfm}
                className={`mk-class mk-class--${summary.rfm}`}
                onClick={() => void openPage(`/marketing/pages/segment/index?rfm=${summary.rfm}`)}
                data-testid={`rfm-class-${summary.rfm}`}
              >
                <View className='mk-class__top'>
                  <Text className='mk-class__label'>{summary.label}</Text>
                  <Text className='mk-class__members' data-testid={`rfm-members-${summary.rfm}`}>
                    {groupDigits(summary.members)}
                    <Text className='mk-class__unit'> 人</Text>
                  </Text>
                </View>
                <Text className='mk-class__rule'>{rfmRuleWords(summary.rfm, overview.data.thresholds)}</Text>
                <Text className='mk-class__strategy'>建议：{summary.strategy}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  )
}
