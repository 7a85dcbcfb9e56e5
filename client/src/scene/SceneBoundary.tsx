import { Component, type ReactNode } from 'react';

interface Props {
  /** Shown instead of the 3D view when it fails (no WebGL, a lost context). */
  fallback: (message: string) => ReactNode;
  children: ReactNode;
}

/**
 * Keeps a failing 3D view from taking the page down with it: without WebGL (an old
 * browser, a blocked GPU, a lost context) the headline, panels and controls still work.
 */
export class SceneBoundary extends Component<Props, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(err: unknown) {
    return { message: err instanceof Error ? err.message : String(err) };
  }

  override render() {
    return this.state.message === null ? this.props.children : this.props.fallback(this.state.message);
  }
}
