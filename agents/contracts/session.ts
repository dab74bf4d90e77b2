/**
 * What register, login and refresh answer: the account, an access token for `expiresIn`
 * seconds and the single-use refresh token. The Worker's route schema is checked against it;
 * the CLI reads it.
 */
export type Session = {
  user: { id: string; email: string; createdAt: string };
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  expiresIn: number;
};

/**
 * Where the refresh token goes: in the answer's body (API clients such as the CLI), or in an
 * HttpOnly cookie that script cannot read (the web app).
 */
export type TokenDelivery = "body" | "cookie";

/** The answer when the refresh token went into the cookie: everything but the token. The web app reads it. */
export type BrowserSession = Omit<Session, "refreshToken">;
