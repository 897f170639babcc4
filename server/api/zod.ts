// zod, with its messages in French, plain and naming the field: imported by every router schema.
import { z } from "zod";
import { validationMessage } from "./validation-messages";

z.config({ ...z.locales.fr(), customError: (issue) => validationMessage(issue, "fr") });

export { z };

export const ZId = z.uuid({ error: "Identifiant invalide." });

/** The version an edit started from (an `integer` column: PostgreSQL stops at 2^31 − 1). */
/** A creating write's key, made by the browser: sent again with it, the write happens once (server/services/idempotency.ts). */
export const ZIdempotencyKey = z.uuid({ error: "Clé d'envoi invalide." });
export const ZVersion = z.number().int().positive().max(2_147_483_647, "Version invalide.");

/**
 * What no text field takes: NUL (PostgreSQL cannot store it), the other control characters but
 * tab and line breaks, and UTF-16 surrogates without their pair (they are not text at all).
 */
const UNSAFE_TEXT = new RegExp(
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
);
export const isCleanText = (value: string) => !UNSAFE_TEXT.test(value);
const UNSAFE_TEXT_MESSAGE = "Ce texte contient des caractères non autorisés.";

/** Every text input of the app: a string without the characters above. */
export const zText = () => z.string().refine(isCleanText, UNSAFE_TEXT_MESSAGE);

/** A web address people can open: http or https only (never javascript:), clean text. */
export const zWebUrl = () =>
  z
    .url({ protocol: /^https?$/, error: "Adresse web invalide (http:// ou https://)." })
    .max(2000)
    .refine(isCleanText, UNSAFE_TEXT_MESSAGE);

export const FIRST_DAY = "1900-01-01";
export const LAST_DAY = "2100-12-31";

/**
 * A calendar day (AAAA-MM-JJ) between FIRST_DAY and LAST_DAY: a milestone or a search bound of
 * this world. Year 0 parses as a date, but PostgreSQL has no such year and refuses it.
 */
export const ZDay = z.iso
  .date({ error: "Date invalide (AAAA-MM-JJ)." })
  .refine((day) => day >= FIRST_DAY && day <= LAST_DAY, "Choisissez une date entre 1900 et 2100.");

/** Why one proposes, declines, answers: a few words, optional unless a schema says otherwise. */
export const zComment = () => zText().trim().max(2000);

/** The motive of a report, a moderation act or a departure: required, in a few words. */
export const ZReason = zText().trim().min(1, "Indiquez le motif en quelques mots.").max(1000);
