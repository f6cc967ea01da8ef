// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { textProblem } from '@contract/fields'
import type { Role } from '@contract/roles'
import { MEMBER_QUERY, MEMBER_QUERY_LABELS, memberQueryKind, type MemberQueryKind } from '@contract/workspaceFields'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import { openPage } from '../../../services/navigate'
import { scanMemberCode } from '../../../services/scan'
import { PagedMore } from '../../components/archive/PagedMore'
import { archiveUrl } from '../../components/archive/paths'
import { SearchHit } from '../../components/archive/SearchHit'
import { RoleGate } from '../../components/RoleGate'
import { useMemberSearch } from '../../hooks/useMemberSearch'
import { toast } from '../../validation'
import '../../components/archive/archive.scss'

export default function MemberSearchPage() {
  return <RoleGate area='search'>{(role) => <MemberSearchView role={role} />}</RoleGate>
}

/** 会员查询: one box for card number, phone, last 4 digits or name; the member's code can be scanned instead. */
export function MemberSearchView({ role }: { role: Role }) {
  const search = useMemberSearch()
  const scan = useSubmit()
  const [text, setText] = useState('')
  usePullDownRefresh(async () => {
    await search.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void search.loadMore())

  function find() {
    const problem = textProblem(text, MEMBER_QUERY)
    if (problem) return toast(problem)
    search.search(text)
  }

  async function byScan() {
    const memberCode = await scanMemberCode()
    if (!memberCode) return
    const found = await scan.run(() => callCloud('member', 'lookup', { memberCode }))
    if (found) void openPage(archiveUrl(found.cardNo))
  }

  return (
    <View className='archive-page' data-testid='member-search'>
      <View className='admin-search'>
        <Input
          className='admin-input'
          placeholder='卡号 / 手机号 / 手机尾号 / 姓名'
          value={text}
          maxlength={MEMBER_QUERY.max}
          confirmType='search'
          onInput={(event) => setText(event.detail.value)}
          onConfirm={find}
          data-testid='search-query'
        />
        <Button size='small' type='primary' disabled={!text.trim() || search.status === 'loading'} onClick={find} data-testid='search-submit'>
          查询
        </Button>
        <Button size='small' fill='outline' loading={scan.busy} disabled={scan.busy} onClick={() => void byScan()} data-testid='search-scan'>
          扫码
        </Button>
      </View>
      {text.trim() && <Text className='archive-query-hint'>将按{MEMBER_QUERY_LABELS[memberQueryKind(text)]}查找</Text>}
      {search.status === 'idle' && <EmptyView title='查找会员' description='输入 10 位卡号、11 位手机号、手机尾号后 4 位或姓名开头，也可扫描会员出示的会员码' />}
      {search.status === 'loading' && <LoadingView />}
      {search.status === 'error' && <ErrorView message={search.error?.message ?? ''} onRetry={() => void search.retry()} />}
      {search.status === 'ready' && search.by && search.query !== null && (
        <>
          <Text className='archive-by' data-testid='search-by'>
            按{MEMBER_QUERY_LABELS[search.by]}「{search.query}」{search.items.length > 0 ? `查找，已显示 ${search.items.length} 位会员` : '查找'}
          </Text>
          {search.items.length === 0 ? (
            <EmptyView title='没有找到会员' description={notFoundHint(search.by)} />
          ) : (
            <>
              <View className='archive-hits'>
                {search.items.map((hit) => (
                  <SearchHit key={hit.cardNo} hit={hit} role={role} onOpen={() => void openPage(archiveUrl(hit.cardNo))} />
                ))}
              </View>
              <PagedMore hasMore={search.hasMore} loadingMore={search.loadingMore} onMore={() => void search.loadMore()} testId='search-more' />
            </>
          )}
        </>
      )}
    </View>
  )
}

function notFoundHint(by: MemberQueryKind): string {
  if (by === 'phone4') return '尾号相同的会员会全部列出；会员未绑定手机号时，请用卡号或姓名查找'
  if (by === 'name') return '姓名按开头查找，如“林”“林晓”'
  return '请核对号码，或改用姓名查找'
}
