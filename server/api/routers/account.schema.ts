import { notificationKind } from "@/db/schema";
import { EMAIL_FREQUENCIES } from "@/server/services/email-notifications";
import { z, zText } from "../zod";

export const ZUpdateProfileInput = z.object({ name: zText().trim().min(1).max(120) }).strict();
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;
export const ZSetNameInput = z
  .object({
    givenName: zText().trim().min(1, "Indiquez votre prénom.").max(60, "Votre prénom : 60 caractères au plus."),
    familyName: zText().trim().min(1, "Indiquez votre nom.").max(60, "Votre nom : 60 caractères au plus."),
  })
  .strict();
export type TSetNameInput = z.infer<typeof ZSetNameInput>;

export const ZSetEmailPreferenceInput = z.object({ kind: z.enum(notificationKind.enumValues), frequency: z.enum(EMAIL_FREQUENCIES) }).strict();

export const ZDeleteAccountInput = z.object({ confirmEmail: zText().trim().min(1, "Recopiez votre adresse e-mail pour confirmer.").max(254) }).strict();
export type TSetEmailPreferenceInput = z.infer<typeof ZSetEmailPreferenceInput>;
export type TDeleteAccountInput = z.infer<typeof ZDeleteAccountInput>;
