import type { ButtonHTMLAttributes } from 'react'
import { Kbd } from './Kbd'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost'
  size?: 'sm' | 'md' | 'lg'
  shortcut?: string
  loading?: boolean
}

export function Button({ variant = 'secondary', size = 'md', shortcut, loading, className, children, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      className={['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ')}
      disabled={disabled || loading}
      aria-keyshortcuts={shortcut}
      {...rest}
    >
      {loading ? <span className="spinner spinner-sm" aria-hidden /> : null}
      <span>{children}</span>
      {shortcut ? <Kbd>{shortcut}</Kbd> : null}
    </button>
  )
}
