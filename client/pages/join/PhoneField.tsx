import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { phoneCodeOnTap } from '../../services/phone'

/**
 * Optional phone number: WeChat's getPhoneNumber button gives a one-time code that the server
 * exchanges (the number never passes through the client). Locally a prompt stands in.
 */
export function PhoneField({ bound, busy, onCode }: { bound: boolean; busy?: boolean; onCode: (code: string) => void }) {
  if (bound) return <Text className='phone-field__done'>已绑定</Text>
  async function tap() {
    const code = await phoneCodeOnTap()
    if (code) onCode(code)
  }
  return (
    <View className='phone-field'>
      <Button
        className='phone-field__button'
        size='mini'
        openType='getPhoneNumber'
        // H5 renders a web component, where `disabled="false"` is still the attribute that greys it out.
        disabled={busy || undefined}
        onGetPhoneNumber={(e) => (e.detail.code ? onCode(e.detail.code) : Taro.showToast({ title: '未授权手机号，可稍后绑定', icon: 'none' }))}
        onClick={() => void tap()}
        data-testid='phone-button'
      >
        {busy ? '绑定中…' : '微信手机号一键绑定'}
      </Button>
    </View>
  )
}
