import { ValidationError } from "../errors/problem.ts";
import { isNonPublicIpv4, isNonPublicIpv6, parseIpv4, parseIpv6 } from "./ip-address.ts";

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** Names that resolve inside a private network by convention, never to a customer's server. */
const privateNameSuffixes = ["localhost", "internal", "local", "localdomain", "home.arpa", "lan", "intranet", "corp"];

/** Hosts `ALLOW_INSECURE_WEBHOOKS=true` lets through, over http too, for a receiver on this machine. */
const localDevelopmentHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

const refuse = (reason: string): UrlVerdict => ({ ok: false, reason });

/**
 * Decides whether the Worker may POST webhooks to `raw`: https on the default port only (http,
 * any port, to this machine when `allowInsecure`), no userinfo at all (not even an empty `@`), and
 * a host that is not a literal private, loopback, link-local, CGNAT, unique-local, multicast,
 * unspecified or metadata IP address, not a numeric host the parser did not recognise, not a
 * single-label name, not a name with empty labels (`a..b`, `a.b..`) and not a name under a
 * private-network suffix it knows (`localhost`, `.internal`, `.local`, …), one trailing dot or
 * not. Checked when a URL is registered and again before every delivery.
 *
 * What this guarantees is about the URL's text only: literal IPv4 in every spelling the WHATWG
 * parser canonicalises (`2130706433`, `0x7f000001`, `0177.0.0.1` and `127.1` all become
 * `127.0.0.1`), IPv6 literals (IPv4-mapped, -compatible, NAT64 and 6to4 included) and the
 * names above. Names are not resolved (a Worker cannot ask DNS for addresses), so a public name
 * whose DNS answers with a private address (DNS rebinding included) is not caught here; what
 * stops that is where the request leaves from: the Worker on Cloudflare's edge, which holds no
 * route into a private network of ours (the database, storage and the media fleet are reached
 * through their public endpoints and bindings, never through an address only a webhook could
 * name). Other ports are refused because Workers' fetch honours them (`allow_custom_ports`, on
 * since the 2024-09-02 compatibility date), which would let a customer probe any service on a
 * public host from our addresses. Redirects are refused where the request is sent.
 *
 * @example
 * checkWebhookUrl("https://hooks.example.com/lh", { allowInsecure: false }); // { ok: true, url }
 * checkWebhookUrl("https://[::ffff:7f00:1]/", { allowInsecure: false }); // { ok: false, reason: "…" }
 * checkWebhookUrl("https://hooks.example.com:6379/", { allowInsecure: false }); // { ok: false, reason: "…" }
 */
export function checkWebhookUrl(raw: string, { allowInsecure }: { allowInsecure: boolean }): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("is not a valid URL");
  }
  // The parser drops an empty userinfo (`https://@host/`, `https://:@host/`): look at the text.
  if (url.username || url.password || writtenAuthority(raw).includes("@"))
    return refuse("must not contain credentials");
  if (allowInsecure && isLiteralLocalDevelopmentHost(raw, url)) return { ok: true, url };
  if (url.protocol !== "https:") return refuse("must use https");
  if (url.port !== "") return refuse("must use the default https port (443)");
  const host = url.hostname.toLowerCase();
  if (/^\.|\.\./.test(host)) return refuse("has an empty label in its host name");
  return hostVerdict(host.replace(/\.$/, ""), url);
}

/** The authority as written (`user@host:port`), before the parser normalises it. */
function writtenAuthority(raw: string): string {
  return /^[a-z]+:\/\/([^/?#\\]*)/i.exec(raw.trim())?.[1]?.toLowerCase() ?? "";
}

/** Only the plain spellings: `http://2130706433/` stays refused even on a development machine. */
function isLiteralLocalDevelopmentHost(raw: string, url: URL): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const written = writtenAuthority(raw).replace(/:\d+$/, "");
  return localDevelopmentHosts.has(written) && written === url.hostname;
}

function hostVerdict(host: string, url: URL): UrlVerdict {
  if (host.startsWith("[")) {
    const groups = parseIpv6(host.slice(1, -1));
    if (!groups) return refuse("has an invalid IPv6 address");
    return isNonPublicIpv6(groups) ? refuse("points to a private or reserved address") : { ok: true, url };
  }
  const ipv4 = parseIpv4(host);
  if (ipv4 !== null)
    return isNonPublicIpv4(ipv4) ? refuse("points to a private or reserved address") : { ok: true, url };
  // Anything else with only digits, dots and hex markers is an address the parser did not
  // recognise; refusing it is safer than guessing what a resolver would make of it.
  if (/^[0-9.x]+$/.test(host)) return refuse("has an ambiguous numeric host");
  if (!host.includes(".")) return refuse("needs a fully qualified host name");
  const privateName = privateNameSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  return privateName ? refuse("points to a private network name") : { ok: true, url };
}

/**
 * Throws 400 `validation_failed` naming `field` unless `url` is an allowed webhook destination;
 * for routes that accept webhook URLs.
 *
 * @example
 * requireAllowedWebhookUrl(c.env, body.url, "url");
 */
export function requireAllowedWebhookUrl(env: { ALLOW_INSECURE_WEBHOOKS: string }, url: string, field: string): void {
  const verdict = checkWebhookUrl(url, { allowInsecure: env.ALLOW_INSECURE_WEBHOOKS === "true" });
  if (!verdict.ok) throw new ValidationError([{ path: field, message: `The webhook URL ${verdict.reason}.` }]);
}
