import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import type { Product, ProductInput } from '@/api/types'
import { Alert, Button, Input, Modal, Select } from '@/components/ui'
import { ApiError } from '@/lib/api-client'
import { centsToDecimal, toCents } from '@/lib/money'
import { useSaveProduct } from '../api/products'

const money = z
  .string()
  .trim()
  .refine((v) => {
    const c = toCents(v)
    return c !== null && c >= 0
  }, 'An amount like 120.00')

const schema = z.object({
  sku: z.string().trim().min(1, 'Required').max(64),
  barcode: z.string().trim().regex(/^(\d{8,14})?$/, '8 to 14 digits, or empty'),
  name: z.string().trim().min(1, 'Required').max(200),
  category: z.string().trim().min(1, 'Required').max(100),
  price: money,
  cost: money,
  tax_class: z.enum(['standard', 'zero_rated', 'exempt']),
  reorder_level: z.coerce.number<string>().int('Whole number').min(0),
  active: z.boolean(),
})
type FormIn = z.input<typeof schema>
type FormOut = z.output<typeof schema>

const normalise = (v: string) => centsToDecimal(toCents(v) ?? 0)

export function ProductForm({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const save = useSaveProduct()
  const { register, handleSubmit, formState, setError } = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(schema),
    defaultValues: product
      ? { ...product, tax_class: product.tax_class as FormIn['tax_class'], barcode: product.barcode ?? '', reorder_level: String(product.reorder_level) }
      : { sku: '', barcode: '', name: '', category: '', price: '', cost: '', tax_class: 'standard', reorder_level: '5', active: true },
  })
  const onSubmit = handleSubmit((v) => {
    const body: ProductInput = {
      ...v,
      barcode: v.barcode ? v.barcode : null,
      price: normalise(v.price),
      cost: normalise(v.cost),
    }
    save.mutate(
      { id: product?.id, body },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (e instanceof ApiError)
            e.errors.forEach((f) => setError(f.field as keyof FormIn, { message: f.message }))
        },
      },
    )
  })
  const err = (k: keyof FormIn) => formState.errors[k]?.message as string | undefined
  return (
    <Modal
      open
      wide
      title={product ? `Edit ${product.name}` : 'New product'}
      onClose={onClose}
      testId="product-form"
      footer={
        <>
          <Button onClick={onClose} shortcut="Esc">Cancel</Button>
          <Button variant="primary" onClick={() => void onSubmit()} loading={save.isPending} data-testid="product-save">
            Save
          </Button>
        </>
      }
    >
      <form className="stack" onSubmit={onSubmit}>
        <div className="grid-2">
          <Input label="Name" autoFocus {...register('name')} error={err('name')} />
          <Input label="Category" {...register('category')} error={err('category')} />
          <Input label="SKU" {...register('sku')} error={err('sku')} />
          <Input label="Barcode (EAN)" inputMode="numeric" {...register('barcode')} error={err('barcode')} />
          <Input label="Price incl. VAT (KES)" inputMode="decimal" data-testid="product-price" {...register('price')} error={err('price')} />
          <Input label="Cost (KES)" inputMode="decimal" {...register('cost')} error={err('cost')} />
          <Select label="Tax class" {...register('tax_class')} error={err('tax_class')}>
            <option value="standard">Standard (16%)</option>
            <option value="zero_rated">Zero-rated</option>
            <option value="exempt">Exempt</option>
          </Select>
          <Input label="Reorder level" inputMode="numeric" {...register('reorder_level')} error={err('reorder_level')} />
        </div>
        <label className="check">
          <input type="checkbox" {...register('active')} /> Active (sellable)
        </label>
        {save.error ? <Alert>{save.error instanceof ApiError ? save.error.userMessage : 'Saving failed.'}</Alert> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  )
}
