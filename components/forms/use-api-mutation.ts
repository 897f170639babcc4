"use client";
// A form's call to a tRPC mutation, with its pending, error and success states. The tRPC client is
// loaded on the first call (components/trpc-client.ts), and TanStack Query is not needed for a
// call nobody caches: the project page's forms would otherwise make every visitor download both
// (about 21 kB gzipped) before anyone types anything.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { keepThisPageSoon } from "@/components/offline/keep-page";
import { loadApiClient, type ApiClient } from "@/components/trpc-client";

type Callable<TInput, TOutput> = { mutate: (input: TInput) => Promise<TOutput> };
type Callbacks<TInput, TOutput> = {
  onSuccess?: (data: TOutput, input: TInput) => unknown;
  onError?: (error: unknown, input: TInput) => unknown;
};

type State<TOutput> =
  | { status: "idle"; data: undefined; error: null }
  | { status: "pending"; data: undefined; error: null }
  | { status: "success"; data: TOutput; error: null }
  | { status: "error"; data: undefined; error: unknown };

const IDLE = { status: "idle", data: undefined, error: null } as const;

export function useApiMutation<TInput, TOutput>(procedure: (api: ApiClient) => Callable<TInput, TOutput>, callbacks: Callbacks<TInput, TOutput> = {}) {
  const [state, setState] = useState<State<TOutput>>(IDLE);
  // The latest render's procedure and callbacks, read when a call settles.
  const latest = useRef({ procedure, callbacks });
  useLayoutEffect(() => {
    latest.current = { procedure, callbacks };
  });
  // Only the latest call's outcome is shown, as when a person clicks twice.
  const calls = useRef(0);

  const mutateAsync = useCallback(async (input: TInput, perCall: Callbacks<TInput, TOutput> = {}): Promise<TOutput> => {
    const call = ++calls.current;
    setState({ status: "pending", data: undefined, error: null });
    try {
      const api = await loadApiClient();
      const data = await latest.current.procedure(api).mutate(input);
      await latest.current.callbacks.onSuccess?.(data, input);
      await perCall.onSuccess?.(data, input);
      if (call === calls.current) setState({ status: "success", data, error: null });
      // The page read offline is the one with this write in it.
      keepThisPageSoon();
      return data;
    } catch (error) {
      if (call === calls.current) setState({ status: "error", data: undefined, error });
      await latest.current.callbacks.onError?.(error, input);
      await perCall.onError?.(error, input);
      throw error;
    }
  }, []);

  const mutate = useCallback(
    (input: TInput, perCall?: Callbacks<TInput, TOutput>) => {
      mutateAsync(input, perCall).catch(() => {});
    },
    [mutateAsync],
  );
  const reset = useCallback(() => setState(IDLE), []);

  return {
    mutate,
    mutateAsync,
    reset,
    data: state.data,
    error: state.error,
    isPending: state.status === "pending",
    isSuccess: state.status === "success",
    isError: state.status === "error",
  };
}
