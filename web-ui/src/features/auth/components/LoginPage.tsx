import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Navigate, useLocation } from 'react-router'
import { z } from 'zod'
import { Alert, Button, Input } from '@/components/ui'
import { ApiError } from '@/lib/api-client'
import { useAuth } from '../hooks/auth-context'

const schema = z.object({
  username: z.string().trim().min(1, 'Enter your username'),
  password: z.string().min(1, 'Enter your password'),
})
type Form = z.infer<typeof schema>

export function LoginPage() {
  const { status, signIn } = useAuth()
  const location = useLocation()
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState } = useForm<Form>({ resolver: zodResolver(schema) })

  if (status === 'signed-in') {
    const from = (location.state as { from?: string } | null)?.from
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />
  }

  const onSubmit = handleSubmit(async ({ username, password }) => {
    setError(null)
    try {
      await signIn(username, password)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError('Wrong username or password.')
      else if (e instanceof ApiError && e.status === 429)
        setError('Too many failed attempts. This account is locked for a few minutes.')
      else setError(e instanceof ApiError ? e.userMessage : 'Sign-in failed. Try again.')
    }
  })

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={onSubmit} noValidate data-testid="login-form">
        <div className="brand brand-lg">
          <span className="brand-mark">D</span> Duka
        </div>
        <p className="muted">Sign in to your till or back office.</p>
        {error ? <Alert testId="login-error">{error}</Alert> : null}
        <Input label="Username" autoComplete="username" autoFocus data-testid="login-username" error={formState.errors.username?.message} {...register('username')} />
        <Input label="Password" type="password" autoComplete="current-password" data-testid="login-password" error={formState.errors.password?.message} {...register('password')} />
        <Button type="submit" variant="primary" size="lg" loading={formState.isSubmitting} data-testid="login-submit">
          Sign in
        </Button>
      </form>
    </main>
  )
}
