import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

interface FieldProps {
  label: ReactNode
  error?: string
  hint?: ReactNode
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & FieldProps>(function Input(
  { label, error, hint, id, className, ...rest },
  ref,
) {
  const auto = useId()
  const fid = id ?? auto
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fid}>{label}</label>
      {/* data-autofocus survives into the DOM (React's autoFocus does not), for Modal. */}
      <input id={fid} ref={ref} aria-invalid={!!error} aria-describedby={error ? `${fid}-err` : undefined} data-autofocus={rest.autoFocus ? '' : undefined} {...rest} />
      {hint && !error ? <div className="field-hint">{hint}</div> : null}
      {error ? <div className="field-error" id={`${fid}-err`}>{error}</div> : null}
    </div>
  )
})

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & FieldProps>(function Select(
  { label, error, hint, id, className, children, ...rest },
  ref,
) {
  const auto = useId()
  const fid = id ?? auto
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fid}>{label}</label>
      <select id={fid} ref={ref} aria-invalid={!!error} {...rest}>
        {children}
      </select>
      {hint && !error ? <div className="field-hint">{hint}</div> : null}
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  )
})

export const TextArea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps>(function TextArea(
  { label, error, id, className, ...rest },
  ref,
) {
  const auto = useId()
  const fid = id ?? auto
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fid}>{label}</label>
      <textarea id={fid} ref={ref} aria-invalid={!!error} {...rest} />
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  )
})
