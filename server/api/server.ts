// For server components: the same router, called directly with the request's context.
import "server-only";
import { cache } from "react";
import { createRequestContext } from "./context";
import { createCaller } from "./root";

export const serverApi = cache(async () => createCaller(await createRequestContext()));
