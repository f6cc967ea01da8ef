import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CATEGORY_NAME, MAX_CATEGORIES, categoriesProblem } from '@contract/categoryFields'
import type { ShopCategories } from '@contract/points'
import { DEFAULT_CATEGORIES, UNCATEGORISED } from '@contract/statsFields'
import { Panel } from '../../components/FormField'
import { confirmDialog, toast } from '../validation'
import './admin.scss'
import './categories.scss'

interface CategoriesEditorProps {
  current: ShopCategories
  saving: boolean
  /** The server's word by path: `categories` for the list, `categories.2` for one entry. */
  serverErrors: Record<string, string>
  onEdit: () => void
  onSave: (categories: string[]) => Promise<boolean>
}

/**
 * The shop's categories as a list to edit whole: rename, remove, add up to 12, or go back to the
 * default. Checked as typed by the contract's own rule; saving asks first, since the till offers
 * the new list at once and orders already recorded keep the category they were given.
 */
export function CategoriesEditor({ current, saving, serverErrors, onEdit, onSave }: CategoriesEditorProps) {
  const [names, setNames] = useState<string[]>(() => [...current.categories])
  const problem = categoriesProblem(names)
  const errorAt = (index: number) => (problem?.index === index ? problem.message : null) ?? serverErrors[`categories.${index}`] ?? null
  const listError = (problem?.index === null ? problem.message : null) ?? serverErrors.categories ?? null
  const update = (next: string[]) => {
    setNames(next)
    onEdit()
  }

  async function save() {
    if (problem) return toast(problem.message)
    const trimmed = names.map((name) => name.trim())
    if (!(await confirmDialog('保存商品分类', '收银台将立即使用新的分类；已记录的订单保留原来的分类。', '保存'))) return
    await onSave(trimmed)
  }

  return (
    <View data-testid='categories-editor'>
      <Panel title={`商品分类（${names.length}/${MAX_CATEGORIES}）`}>
        <Text className='admin-note'>
          收银员记录商品明细时为每行选择分类，数据看板按分类统计消费；未选分类的商品计入「{UNCATEGORISED}」。{current.custom ? '' : '当前使用默认分类。'}
        </Text>
        {names.map((name, index) => (
          <View key={index} className={`category-row ${errorAt(index) ? 'category-row--invalid' : ''}`} data-testid='category-row'>
            <View className='category-row__line'>
              <Text className='category-row__index'>{index + 1}</Text>
              <Input
                className='category-row__input'
                placeholder={`分类名称，最多 ${CATEGORY_NAME.max} 个字`}
                value={name}
                maxlength={CATEGORY_NAME.max + 4}
                onInput={(event) => update(names.map((other, at) => (at === index ? event.detail.value : other)))}
                data-testid='category-input'
              />
              <Text className='category-row__remove' onClick={() => update(names.filter((_, at) => at !== index))} data-testid='category-remove'>
                删除
              </Text>
            </View>
            {errorAt(index) && (
              <Text className='form-field__error' data-testid='category-error'>
                {errorAt(index)}
              </Text>
            )}
          </View>
        ))}
        {listError && (
          <Text className='form-field__error' data-testid='categories-error'>
            {listError}
          </Text>
        )}
        <View className='admin-actions'>
          <Button size='small' fill='outline' disabled={names.length >= MAX_CATEGORIES} onClick={() => update([...names, ''])} data-testid='category-add'>
            {names.length >= MAX_CATEGORIES ? `最多 ${MAX_CATEGORIES} 个分类` : '添加分类'}
          </Button>
          <Button size='small' fill='outline' onClick={() => update([...DEFAULT_CATEGORIES])} data-testid='categories-default'>
            恢复默认分类
          </Button>
        </View>
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={saving} disabled={saving} onClick={save} data-testid='categories-save'>
          保存
        </Button>
      </View>
    </View>
  )
}
