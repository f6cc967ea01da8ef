import { useState } from 'react'
import { createPortal } from 'react-dom'
import { View, Text } from '@tarojs/components'
import { DEV_IDENTITIES, currentDevIdentity, switchDevIdentity } from '../../services/devIdentity'
import './index.scss'

/**
 * Dev-only: switch who is "holding the phone" (member A, member B, cashier, owner, a new visitor).
 * Rendered into <body>: as a child of Taro's router it would be the router's last child, and the
 * router hides every non-tab page that is not its last child. Closed, it is a narrow tab in the
 * pages' left margin, so it covers nothing a person needs to read or tap (the card's 点击放大 among
 * them); the identities are named by who they are, which no tier change makes untrue.
 */
export function DevPanel() {
  const [open, setOpen] = useState(false)
  const current = currentDevIdentity()
  return createPortal(
    <View className={`dev-panel ${open ? 'dev-panel--open' : ''}`} data-testid='dev-panel'>
      <View className='dev-panel__toggle' onClick={() => setOpen(!open)}>
        {open ? '关闭' : '身份'}
      </View>
      {open && (
        <View className='dev-panel__menu'>
          <Text className='dev-panel__title'>本地调试：切换身份</Text>
          <Text className='dev-panel__current' data-testid='dev-panel-current'>
            当前：{current.label}
          </Text>
          {DEV_IDENTITIES.map((identity) => (
            <View key={identity.key} className={`dev-panel__item ${identity.key === current.key ? 'dev-panel__item--active' : ''}`} onClick={() => switchDevIdentity(identity.key)}>
              {identity.label}
            </View>
          ))}
        </View>
      )}
    </View>,
    document.body,
  )
}
