"use client";
// A client component whose code is downloaded only when it is rendered. The server still renders
// it into the page; the browser fetches its code then, and it becomes interactive once loaded.
import { lazy, Suspense, type ComponentType } from "react";

export function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Loaded = lazy(async () => ({ default: await load() }));
  function LazyComponent(props: Props) {
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyComponent;
}
