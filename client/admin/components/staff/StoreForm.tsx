import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { textProblem } from '@contract/fields'
import type { Store } from '@contract/staff'
import { STORE_ADDRESS, STORE_NAME, STORE_PHONE } from '@contract/workspaceFields'
import { Panel } from '../../../components/FormField'
import type { StoreDraft } from '../../hooks/useStores'
import { TextField } from '../ActionForm'
import { toast } from '../../validation'
import './staff.scss'

interface StoreFormProps {
  store: Store | null
  fieldErrors: Record<string, string>
  busy: boolean
  onSave: (draft: StoreDraft) => void
  onCancel: () => void
}

/** Typed text is never cut short: what is too long stays on screen and says so. */
const NO_CUT = -1

/** A new store or an edit: the contract's rules checked as typed, the server's word on each field after. */
export function StoreForm({ store, fieldErrors, busy, onSave, onCancel }: StoreFormProps) {
  const [name, setName] = useState(store?.name ?? '')
  const [address, setAddress] = useState(store?.address ?? '')
  const [phone, setPhone] = useState(store?.phone ?? '')
  const problems = {
    name: textProblem(name, STORE_NAME),
    address: textProblem(address, STORE_ADDRESS),
    phone: STORE_PHONE.pattern.test(phone.trim()) ? null : STORE_PHONE.invalid,
  }

  function save() {
    const problem = problems.name ?? problems.address ?? problems.phone
    if (problem) return toast(problem)
    onSave({ name: name.trim(), address: address.trim(), phone: phone.trim() })
  }

  return (
    <View className='ws-screen' data-testid='store-form'>
      <Panel title={store ? `编辑「${store.name}」` : '新增门店'}>
        <TextField
          label='门店名称'
          value={name}
          onChange={setName}
          error={problems.name}
          serverError={fieldErrors.name}
          placeholder={`${STORE_NAME.min}–${STORE_NAME.max} 个字`}
          maxlength={NO_CUT}
          testId='store-name'
        />
        <TextField label='地址' value={address} onChange={setAddress} error={problems.address} serverError={fieldErrors.address} placeholder='选填' maxlength={NO_CUT} testId='store-address' />
        <TextField
          label='电话'
          value={phone}
          onChange={setPhone}
          error={problems.phone}
          serverError={fieldErrors.phone}
          placeholder='选填，如 021-12345678'
          maxlength={STORE_PHONE.maxLength}
          testId='store-phone'
        />
      </Panel>
      <View className='admin-actions'>
        <Button fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy} onClick={save} data-testid='store-save'>
          保存
        </Button>
      </View>
    </View>
  )
}
