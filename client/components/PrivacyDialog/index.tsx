import { View, Text, Button } from '@tarojs/components'
import { AGREE_BUTTON_ID, openPrivacyGuide } from '../../services/privacy'
import { answerPrivacyPrompt, usePrivacyHost } from '../../services/privacyPrompt'
import { AgreeButton } from './AgreeButton'
import './index.scss'

/**
 * The shop's privacy guide, asked before WeChat hands over an avatar, a nickname or a phone number.
 * Each page that uses those hosts one; it shows only while that page's request waits. Declining
 * leaves the card usable: no WeChat avatar or phone, which can be added later.
 */
export function PrivacyDialog() {
  const asking = usePrivacyHost()
  if (!asking) return null
  return (
    <View className='privacy-dialog' data-testid='privacy-dialog'>
      <View className='privacy-dialog__panel'>
        <Text className='privacy-dialog__title'>隐私保护指引</Text>
        <Text className='privacy-dialog__text'>使用微信头像、昵称和手机号前，请阅读并同意本店的隐私保护指引。这些信息仅用于识别会员身份和提供会员服务，不会对外提供。</Text>
        <Text className='privacy-dialog__link' onClick={openPrivacyGuide} data-testid='privacy-guide'>
          查看《隐私保护指引》全文 ›
        </Text>
        <Text className='privacy-dialog__note'>不同意也可以正常领取和使用会员卡，只是不能使用微信头像和手机号。</Text>
        <View className='privacy-dialog__actions'>
          <Button className='privacy-dialog__button' onClick={() => answerPrivacyPrompt('disagree')} data-testid='privacy-decline'>
            不同意
          </Button>
          <AgreeButton id={AGREE_BUTTON_ID} className='privacy-dialog__button privacy-dialog__button--agree' onAgree={() => answerPrivacyPrompt('agree')} />
        </View>
      </View>
    </View>
  )
}
