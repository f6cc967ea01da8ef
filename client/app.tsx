import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { DevPanel } from './components/DevPanel'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: HUIYUAN_CLOUD_ENV || undefined, traceUser: true })
    }
  })
  return (
    <>
      {children}
      <DevPanel />
    </>
  )
}

export default App
