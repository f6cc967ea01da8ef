import { View } from '@tarojs/components'
import { GENDERS, GENDER_LABELS, type Gender } from '@contract/enums'

/** 男 / 女 / 保密 as tappable chips (styled by the join form's stylesheet, shared with the profile page). */
export function GenderChips({ value, onChange }: { value: Gender | ''; onChange: (gender: Gender) => void }) {
  return (
    <View className='join-form__choices'>
      {GENDERS.map((option) => (
        <View key={option} className={`join-form__chip ${value === option ? 'join-form__chip--on' : ''}`} onClick={() => onChange(option)}>
          {GENDER_LABELS[option]}
        </View>
      ))}
    </View>
  )
}
