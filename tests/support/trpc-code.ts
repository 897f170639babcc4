// What a call answered, as the tRPC code a client would see: "ok", or the error's code.
import { TRPCError } from "@trpc/server";

export async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
