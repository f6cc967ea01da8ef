/** `@nutui/nutui-react-taro` for component tests: the pieces our components use, as plain elements. */
import type { ReactNode } from 'react'

export function Button({ children, onClick, disabled, loading, ...rest }: { children?: ReactNode; onClick?: () => void; disabled?: boolean; loading?: boolean; 'data-testid'?: string }) {
  return (
    <button type='button' disabled={disabled || loading} onClick={onClick} data-testid={rest['data-testid']}>
      {children}
    </button>
  )
}
