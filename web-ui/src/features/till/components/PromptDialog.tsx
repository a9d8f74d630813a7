import { useState } from 'react'
import { Button, Input, Modal } from '@/components/ui'

interface PromptDialogProps {
  title: string
  label: string
  initial: string
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'text'
  validate?: (v: string) => string | null
  onSubmit: (v: string) => void
  onClose: () => void
  testId?: string
}

/** A one-field dialog (quantity, discount, phone): type, Enter to apply, Esc to cancel. */
export function PromptDialog({ title, label, initial, inputMode = 'text', validate, onSubmit, onClose, testId }: PromptDialogProps) {
  const [value, setValue] = useState(initial)
  const error = validate?.(value) ?? null
  return (
    <Modal open title={title} onClose={onClose} testId={testId}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          if (!error) onSubmit(value)
        }}
      >
        <Input label={label} value={value} inputMode={inputMode} autoFocus onFocus={(e) => e.target.select()} onChange={(e) => setValue(e.target.value)} error={value ? (error ?? undefined) : undefined} data-testid={testId ? `${testId}-input` : undefined} />
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onClose} shortcut="Esc">Cancel</Button>
          <Button type="submit" variant="primary" shortcut="Enter" disabled={!!error}>Apply</Button>
        </div>
      </form>
    </Modal>
  )
}
