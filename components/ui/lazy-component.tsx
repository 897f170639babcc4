"use client";
// A client component whose code is downloaded only when it is rendered. The server still renders
// it into the page; the browser fetches its code then, and it becomes interactive once loaded.
//
// Until then its controls are disabled: server-rendered form markup whose code has not arrived
// would otherwise submit natively (a GET of the page with the typed values in its address, and
// nothing saved). A disabled default button also blocks submitting with Enter.
import { lazy, Suspense, useEffect, useState, type ComponentType } from "react";

export function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  let loading: Promise<ComponentType<Props>> | null = null;
  const start = () => (loading ??= load());
  const Loaded = lazy(async () => ({ default: await start() }));
  function LazyComponent(props: Props) {
    const [ready, setReady] = useState(false);
    useEffect(() => {
      let mounted = true;
      // A chunk that fails to load is shown by the error boundary, through React.lazy.
      start().then(
        () => mounted && setReady(true),
        () => {},
      );
      return () => {
        mounted = false;
      };
    }, []);
    return (
      <fieldset disabled={!ready} className="min-w-0">
        <Suspense fallback={null}>
          <Loaded {...props} />
        </Suspense>
      </fieldset>
    );
  }
  return LazyComponent;
}
