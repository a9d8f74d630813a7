import { useEffect, useRef, type ReactNode } from 'react'

interface ModalProps {
  title: ReactNode
  open: boolean
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  wide?: boolean
  testId?: string
}

/** A modal dialog on the native <dialog> element (focus trap and Escape for free). */
export function Modal({ title, open, onClose, children, footer, wide, testId }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d || !open) return
    // Where focus was before the dialog: it goes back there on close (the till's scan field).
    const before = document.activeElement
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal()
      else d.setAttribute('open', '')
    }
    // showModal() focuses the first focusable element (the close button);
    // a keyboard user wants the autofocus field, else the first field.
    const target =
      d.querySelector<HTMLElement>('.modal-body [data-autofocus]') ??
      d.querySelector<HTMLElement>('.modal-body input:not([type=hidden]):not([disabled]), .modal-body select, .modal-body textarea')
    target?.focus()
    return () => {
      if (d.open) {
        if (typeof d.close === 'function') d.close()
        else d.removeAttribute('open')
      }
      if (before instanceof HTMLElement && before.isConnected && before !== document.body) before.focus()
    }
  }, [open])
  return (
    <dialog
      ref={ref}
      className={['modal', wide ? 'modal-wide' : ''].join(' ')}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      data-testid={testId}
      aria-labelledby={testId ? `${testId}-title` : undefined}
    >
      {open ? (
        <>
          <header className="modal-header">
            <h2 id={testId ? `${testId}-title` : undefined}>{title}</h2>
            <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="modal-body">{children}</div>
          {footer ? <footer className="modal-footer">{footer}</footer> : null}
        </>
      ) : null}
    </dialog>
  )
}
