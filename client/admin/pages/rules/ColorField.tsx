import { View, Input } from '@tarojs/components'
import { HEX_COLOR, patternProblem } from '@contract/fields'
import { FormField } from '../../../components/FormField'

/** A few colours that read well behind the card's white text; any other #RRGGBB can be typed. */
const SWATCHES = ['#5b6b82', '#8d97a5', '#c8963e', '#2c3150', '#b5484f', '#2f8f6e', '#3a6fc4', '#7a4fb0']
/** A few characters past the longest colour, so what is typed wrong stays on screen to be flagged. */
const ROOM = HEX_COLOR.maxLength + 4

interface ColorFieldProps {
  color: string
  onChange: (color: string) => void
  /** The server's word, when the form had none. */
  serverError?: string
  id?: string
  testId: string
}

/** A tier's colour: the member card is painted with it. */
export function ColorField({ color, onChange, serverError, id, testId }: ColorFieldProps) {
  const error = patternProblem(color, HEX_COLOR) ?? serverError ?? null
  const chosen = color.trim().toLowerCase()
  return (
    <FormField label='卡面颜色' error={error} id={id} stacked>
      <View className='rules-color'>
        <View className='rules-color__swatches' data-testid={`${testId}-swatches`}>
          {SWATCHES.map((swatch) => (
            <View key={swatch} className={`rules-color__swatch ${swatch === chosen ? 'rules-color__swatch--on' : ''}`} style={{ background: swatch }} onClick={() => onChange(swatch)} />
          ))}
        </View>
        <View className='rules-color__custom'>
          <View className='rules-color__preview' style={error ? undefined : { background: `linear-gradient(135deg, ${color}, #1f2329)` }} />
          <Input
            className={`admin-input ${error ? 'rules-color__input--invalid' : ''}`}
            placeholder='#RRGGBB'
            maxlength={ROOM}
            value={color}
            onInput={(event) => onChange(event.detail.value)}
            data-testid={testId}
          />
        </View>
      </View>
    </FormField>
  )
}
