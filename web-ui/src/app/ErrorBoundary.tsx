import { Component, type ErrorInfo, type ReactNode } from 'react'

/** Last line of defence: a crash in one page shows a way out, not a blank till. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('UI error', error, info.componentStack)
  }

  render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="crash" role="alert">
        <h1>Something went wrong on this screen.</h1>
        <p className="muted">Your session and cart are kept. Reload to continue.</p>
        <button className="btn btn-primary btn-lg" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    )
  }
}
