import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { DevPanel } from './components/DevPanel'
import { listenForPrivacyPrompts } from './services/privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: HUIYUAN_CLOUD_ENV || undefined, traceUser: true })
    }
    // Before any page can call a privacy API: our dialog, not WeChat's, asks for the agreement.
    listenForPrivacyPrompts()
  })
  return (
    <>
      {children}
      <DevPanel />
    </>
  )
}

export default App
