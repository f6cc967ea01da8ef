/**
 * `@tarojs/components` for component tests: each Taro component as the plain element the H5 build
 * renders, so tests query and type as a person would. The real H5 components are Stencil custom
 * elements that need Taro's runtime and a browser's custom-element registry; these stand-ins need
 * neither and keep jest fast. What a stand-in keeps of the real one is what users notice: an
 * `<Input>` of type number or digit drops what its keypad cannot type (Taro H5 cancels those
 * keystrokes), and `maxlength` cuts what is typed past it.
 */
import { createElement, type CSSProperties, type ReactNode } from 'react'

type Handler = (event: { detail: { value: string } }) => void
interface Common {
  id?: string
  className?: string
  style?: CSSProperties | string
  children?: ReactNode
  onClick?: () => void
  'data-testid'?: string
}

const styleOf = (style: Common['style']) => (typeof style === 'string' ? undefined : style)
const box = (tag: string) =>
  function Box({ id, className, style, children, onClick, ...rest }: Common) {
    return createElement(tag, { id, className, style: styleOf(style), onClick, 'data-testid': rest['data-testid'] }, children)
  }

export const View = box('div')
export const Text = box('span')
export const Label = box('label')
export const ScrollView = box('div')

export function Image({ src, className, style, onClick, ...rest }: Common & { src: string; mode?: string }) {
  return <img src={src} className={className} style={styleOf(style)} onClick={onClick} alt='' data-testid={rest['data-testid']} />
}

export function Button({ children, onClick, disabled, className, ...rest }: Common & { disabled?: boolean }) {
  return (
    <button type='button' className={className} disabled={disabled} onClick={onClick} data-testid={rest['data-testid']}>
      {children}
    </button>
  )
}

/** What Taro H5's input lets through a keystroke at a time: digits only for `number`, digits and one point for `digit`. */
export function keypadFilter(type: string | undefined, text: string): string {
  if (type === 'number') return text.replace(/\D/g, '')
  if (type !== 'digit') return text
  const [whole, ...rest] = text.replace(/[^\d.]/g, '').split('.')
  return rest.length > 0 ? `${whole}.${rest.join('')}` : whole
}

interface InputProps extends Common {
  value?: string
  type?: string
  placeholder?: string
  maxlength?: number
  disabled?: boolean
  password?: boolean
  nativeProps?: Record<string, unknown>
  onInput?: Handler
  onBlur?: Handler
  onConfirm?: Handler
}

function field(tag: 'input' | 'textarea') {
  return function Field({ value = '', type, placeholder, maxlength = 140, disabled, password, nativeProps = {}, onInput, onBlur, onConfirm, className, ...rest }: InputProps) {
    const emit = (handler: Handler | undefined) => (event: { target: { value: string } }) => {
      const kept = keypadFilter(type, event.target.value)
      const value = maxlength > -1 ? kept.slice(0, maxlength) : kept
      event.target.value = value
      handler?.({ detail: { value } })
    }
    return createElement(tag, {
      ...nativeProps,
      className,
      type: tag === 'input' ? (password ? 'password' : type === 'digit' || type === 'number' ? 'number' : 'text') : undefined,
      value,
      placeholder,
      disabled,
      'data-testid': rest['data-testid'],
      onChange: emit(onInput),
      onBlur: emit(onBlur),
      onKeyDown: (event: { key: string; currentTarget: { value: string } }) => event.key === 'Enter' && onConfirm?.({ detail: { value: event.currentTarget.value } }),
    })
  }
}

export const Input = field('input')
export const Textarea = field('textarea')

/** A picker shows its children (the chosen value as the page writes it); tests set values through the page's own state. */
export function Picker({ children }: { children?: ReactNode; mode?: string; value?: unknown; onChange?: unknown }) {
  return <div>{children}</div>
}

/** A switch as a checkbox: a click turns it, as a tap does. */
export function Switch({ checked = false, onChange, ...rest }: { checked?: boolean; color?: string; onChange?: (event: { detail: { value: boolean } }) => void; 'data-testid'?: string }) {
  return <input type='checkbox' checked={checked} onChange={(event) => onChange?.({ detail: { value: event.target.checked } })} data-testid={rest['data-testid']} />
}
