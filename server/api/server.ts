// For server components: the same router, called directly with the request's context.
import "server-only";
import { cache } from "react";
import { createRequestContext } from "./context";
import { createCaller } from "./root";

export const serverApi = cache(async () => createCaller(await createRequestContext()));

/** The signed-in person's account, read once per request: the layout's header and the page share it. */
export const currentAccount = cache(async () => (await serverApi()).account.get());
