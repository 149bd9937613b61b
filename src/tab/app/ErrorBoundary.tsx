/** Catches a page's render errors and shows the ErrorView; "Try again" renders the page afresh. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorView } from './ErrorView';

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
  attempt: number;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Minutebook page failed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (error !== null) {
      return (
        <ErrorView
          error={error}
          onRetry={() => this.setState({ error: null, attempt: attempt + 1 })}
        />
      );
    }
    return <div key={attempt}>{this.props.children}</div>;
  }
}
