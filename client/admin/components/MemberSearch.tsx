import { useState, type ReactNode } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { patternProblem } from '@contract/fields'
import { CARD_NO, normalizeCode } from '@contract/staffFields'
import type { MemberLookup } from '@contract/member'
import { EmptyView } from '../../components/StatusView'
import type { useMemberLookup } from '../../hooks/useMemberLookup'
import { toast } from '../validation'
import { MemberPanel } from './MemberPanel'

/** Card numbers are often typed in the groups the card prints (8123 4567 89). */
const TYPED_SPACES = 3

interface MemberSearchProps {
  lookup: ReturnType<typeof useMemberLookup>
  cardTestId: string
  submitTestId: string
  /** What the page says before a member is found. */
  empty: { title: string; description: string }
  /** What the page does with the member found, under their panel. */
  children: (member: MemberLookup) => ReactNode
}

/** Staff pages that start from a member: type a card number or scan the live code, then act on whoever was found. */
export function MemberSearch({ lookup, cardTestId, submitTestId, empty, children }: MemberSearchProps) {
  const [cardText, setCardText] = useState('')

  function find() {
    const problem = patternProblem(normalizeCode(cardText), CARD_NO)
    if (problem) return toast(problem)
    void lookup.byCardNo(cardText)
  }

  return (
    <>
      <View className='admin-search'>
        <Input
          className='admin-input'
          type='number'
          placeholder={`输入 ${CARD_NO.maxLength} 位会员卡号`}
          value={cardText}
          maxlength={CARD_NO.maxLength + TYPED_SPACES}
          onInput={(event) => setCardText(event.detail.value)}
          onConfirm={find}
          data-testid={cardTestId}
        />
        <Button size='small' type='primary' disabled={lookup.busy || !cardText.trim()} onClick={find} data-testid={submitTestId}>
          查询
        </Button>
        <Button size='small' fill='outline' disabled={lookup.busy} onClick={lookup.byScan}>
          扫码
        </Button>
      </View>
      {lookup.fieldErrors.cardNo && <Text className='admin-hint'>{lookup.fieldErrors.cardNo}</Text>}
      {lookup.member ? (
        <>
          <MemberPanel member={lookup.member} />
          {children(lookup.member)}
        </>
      ) : (
        <EmptyView title={empty.title} description={empty.description} />
      )}
    </>
  )
}
