import { z } from "@hono/zod-openapi";
import type { BrowserSession, Session } from "../../../agents/contracts/session.ts";

/** Emails are trimmed and lower-cased before anything else sees them: one account per address. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .check(z.email())
  .openapi({ example: "ada@example.com" });

/**
 * New passwords, after OWASP's advice: length over composition rules, a cap that bounds the
 * hashing work, and no trivially guessable values.
 */
export const newPasswordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters")
  .refine((password) => new Set(password).size > 1, "must not repeat a single character")
  .openapi({ example: "correct horse battery staple" });

const tokenDeliverySchema = z
  .enum(["body", "cookie"])
  .default("body")
  .openapi({
    description:
      "`cookie` (the web app): the refresh token is set as the HttpOnly, SameSite=Strict cookie `lh_refresh` on " +
      "`/v1/auth` instead of being returned; such requests must come with our own `Origin`.",
  });

export const registerSchema = z
  .object({ email: emailSchema, password: newPasswordSchema, tokenDelivery: tokenDeliverySchema })
  .refine((body) => body.password.toLowerCase() !== body.email, {
    path: ["password"],
    message: "must not be the email address",
  })
  .openapi("RegisterRequest");

export const loginSchema = z
  .object({ email: emailSchema, password: z.string().min(1).max(256), tokenDelivery: tokenDeliverySchema })
  .openapi("LoginRequest");

export const refreshTokenSchema = z
  .object({
    refreshToken: z.string().min(1).max(200).optional().openapi({
      description: "Leave it out to use the `lh_refresh` cookie (the web app; needs our own `Origin`).",
    }),
  })
  .openapi("RefreshTokenRequest");

export const userSchema = z.object({ id: z.uuid(), email: z.string(), createdAt: z.iso.datetime() }).openapi("User");

export const sessionSchema = z
  .object({
    user: userSchema,
    accessToken: z.string().openapi({ description: "HS256 JWT, valid for `expiresIn` seconds." }),
    refreshToken: z.string().optional().openapi({
      description: "Single use: each refresh returns a new one. Absent when it went into the `lh_refresh` cookie.",
    }),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int().openapi({ example: 900 }),
  })
  .openapi("Session") satisfies z.ZodType<Session | BrowserSession>;
