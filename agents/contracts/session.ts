/**
 * What register, login and refresh answer: the account, an access token for `expiresIn`
 * seconds and the single-use refresh token. The Worker's route schema is checked against it;
 * the web app and the CLI read it.
 */
export type Session = {
  user: { id: string; email: string; createdAt: string };
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  expiresIn: number;
};
