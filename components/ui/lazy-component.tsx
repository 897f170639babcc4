"use client";
// A client component whose code is downloaded only when it is rendered. The server still renders
// it into the page; the browser fetches its code then, and it becomes interactive once loaded.
//
// Until then its controls are disabled: server-rendered form markup whose code has not arrived
// would otherwise submit natively (a GET of the page with the typed values in its address, and
// nothing saved). A disabled default button also blocks submitting with Enter.
//
// If the code cannot be downloaded (a connection that drops), the component alone says so and
// offers to try again; the rest of the page stays as it is.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/primitives";
import { Component, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from "react";

export function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  // One download shared by every instance; a failed one is forgotten so that the next attempt downloads again.
  let loading: Promise<ComponentType<Props>> | null = null;
  const downloadFailures = new Set<unknown>();
  const start = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      downloadFailures.add(error);
      throw error;
    }));
  // React.lazy keeps a failure for good: each attempt after one is a new lazy component.
  const attempt = () => lazy(async () => ({ default: await start() }));
  let current = attempt();

  function LazyComponent(props: Props) {
    const t = useTranslations("common");
    const [Loaded, setLoaded] = useState(() => current);
    const [ready, setReady] = useState(false);
    useEffect(() => {
      let mounted = true;
      start().then(
        () => mounted && setReady(true),
        () => {},
      );
      return () => {
        mounted = false;
      };
    }, [Loaded]);
    const retry = () => {
      current = attempt();
      setLoaded(() => current);
    };
    return (
      <LoadFailureBoundary message={t("loadFailed")} retryLabel={t("retry")} onRetry={retry} isDownloadFailure={(error) => downloadFailures.has(error)}>
        <fieldset disabled={!ready} className="min-w-0">
          <Suspense fallback={<p role="status">{t("loading")}</p>}>
            <Loaded {...props} />
          </Suspense>
        </fieldset>
      </LoadFailureBoundary>
    );
  }
  return LazyComponent;
}

type BoundaryProps = { message: string; retryLabel: string; onRetry: () => void; isDownloadFailure: (error: unknown) => boolean; children: ReactNode };

// An error boundary has to be a class: React offers no hook for it. It keeps only the code's
// download failing; any other error goes on to the page's error boundary, as before.
class LoadFailureBoundary extends Component<BoundaryProps, { failed: boolean; error: unknown }> {
  override state = { failed: false, error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    if (!this.props.isDownloadFailure(this.state.error)) throw this.state.error;
    return (
      <div role="alert" className="space-y-3 rounded-lg border-l-4 border-danger bg-red-50 px-4 py-3 text-danger">
        <p>{this.props.message}</p>
        <Button
          type="button"
          onClick={() => {
            this.setState({ failed: false, error: undefined });
            this.props.onRetry();
          }}
        >
          {this.props.retryLabel}
        </Button>
      </div>
    );
  }
}
