// For pages: a record the person may not see, or that does not exist, becomes the 404 page.
import "server-only";
import { TRPCError } from "@trpc/server";

export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
}
