import { View, Text } from '@tarojs/components'
import type { MemberNote } from '@contract/archive'
import { formatDateTime } from '@contract/format'
import { MEMBER_NOTE } from '@contract/workspaceFields'
import { Composer } from '../ticket/Composer'
import './archive.scss'

interface NotesSectionProps {
  notes: MemberNote[]
  /** Absent when no note may be added (an erased member). */
  onAdd?: (text: string) => Promise<boolean>
  busy: boolean
  locked: boolean
  serverError?: string
}

/** 备注: what colleagues noted about the member, newest first, with who and when; staff only. */
export function NotesSection({ notes, onAdd, busy, locked, serverError }: NotesSectionProps) {
  return (
    <View className='archive-card archive-card--padded' data-testid='archive-notes'>
      <Text className='archive-muted'>员工内部备注，会员看不到；请勿记录与服务无关的个人信息。</Text>
      {onAdd && (
        <Composer
          rule={MEMBER_NOTE}
          placeholder='例如：偏好燕麦奶，周末常来'
          sendLabel='添加备注'
          busy={busy}
          locked={locked}
          serverError={serverError}
          onSend={onAdd}
          inputTestId='archive-note-text'
          sendTestId='archive-note-send'
        />
      )}
      {notes.length === 0 && <Text className='archive-muted'>暂无备注</Text>}
      {notes.map((note) => (
        <View key={note.id} className='archive-note' data-testid='archive-note'>
          <Text className='archive-muted'>
            {note.authorName} · {formatDateTime(note.at)}
          </Text>
          <Text className='archive-note__text'>{note.text}</Text>
        </View>
      ))}
    </View>
  )
}
