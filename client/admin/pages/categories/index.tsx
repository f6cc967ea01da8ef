// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { CategoriesEditor } from '../../components/CategoriesEditor'
import { RoleGate } from '../../components/RoleGate'
import { useCategoriesEditor } from '../../hooks/useShopCategories'
import { toast } from '../../validation'

export default function CategoriesPage() {
  return <RoleGate area='categories'>{() => <CategoriesView />}</RoleGate>
}

/** 商品分类: the list the till's order lines are tagged with, edited whole by the owner or an admin. */
export function CategoriesView() {
  const editor = useCategoriesEditor()
  const [dirty, setDirty] = useState(false)
  // The form starts again from what was loaded or saved (the key), so a refresh never overwrites what is being typed.
  const [version, setVersion] = useState(0)
  usePullDownRefresh(async () => {
    if (dirty) toast('有未保存的修改，保存后再刷新')
    else {
      await editor.current.reload()
      setVersion((count) => count + 1)
    }
    Taro.stopPullDownRefresh()
  })
  const { current } = editor
  if (current.status === 'loading') return <LoadingView />
  if (current.status === 'error') return <ErrorView message={current.error.message} onRetry={current.reload} />

  return (
    <View data-testid='categories-page'>
      <CategoriesEditor
        key={version}
        current={current.data}
        saving={editor.saving}
        serverErrors={editor.fieldErrors}
        onEdit={() => {
          setDirty(true)
          editor.clearFieldErrors()
        }}
        onSave={async (categories) => {
          const saved = await editor.save(categories)
          if (saved) {
            setDirty(false)
            setVersion((count) => count + 1)
            void Taro.showToast({ title: '已保存', icon: 'success' })
          }
          return saved
        }}
      />
    </View>
  )
}
