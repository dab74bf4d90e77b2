import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "./url-safety.ts";

const strict = { allowInsecure: false };

const hostileUrls = [
  "http://hooks.example.com/plain-http",
  "ftp://hooks.example.com/",
  "https://user:pass@hooks.example.com/",
  "https://token@hooks.example.com/",
  "https://localhost/",
  "https://localhost./",
  "https://api.localhost/",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://printer.local/",
  "https://intranet/",
  "https://127.0.0.1/",
  "https://127.0.0.1./",
  "https://127.1/",
  "https://2130706433/",
  "https://0x7f000001/",
  "https://0177.0.0.1/",
  "https://0x7f.0.0.1/",
  "https://0/",
  "https://0.0.0.0/",
  "https://10.0.0.8/",
  "https://172.16.5.4/",
  "https://172.31.255.255/",
  "https://192.168.1.1/",
  "https://100.64.0.1/",
  "https://169.254.169.254/latest/meta-data/",
  "https://169.254.0.1/",
  "https://224.0.0.1/",
  "https://255.255.255.255/",
  "https://[::1]/",
  "https://[::]/",
  "https://[0:0:0:0:0:0:0:1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://[::ffff:7f00:1]/",
  "https://[::ffff:a9fe:a9fe]/",
  "https://[::127.0.0.1]/",
  "https://[fc00::1]/",
  "https://[fd00:ec2::254]/",
  "https://[fe80::1]/",
  "https://[ff02::1]/",
  "https://[64:ff9b::a00:1]/",
  "https://[2002:7f00:1::]/",
  "https://[2001::1]/",
  "not a url",
];

/** Spellings the first version let through (issue #17): each row names what it smuggles. */
const smuggledUrls: [what: string, url: string][] = [
  ["an SSH port on a public host", "https://hooks.example.com:22/"],
  ["a Redis port on a public host", "https://hooks.example.com:6379/"],
  ["port 0", "https://hooks.example.com:0/"],
  ["https on port 80", "https://hooks.example.com:80/"],
  ["a custom https port", "https://hooks.example.com:8443/x"],
  ["a custom port after a trailing dot", "https://hooks.example.com.:8443/"],
  ["an empty userinfo", "https://@hooks.example.com/"],
  ["an empty user and password", "https://:@hooks.example.com/"],
  ["two trailing dots", "https://hooks.example.com../"],
  ["an empty label", "https://hooks..example.com/"],
  ["a leading dot", "https://.hooks.example.com/"],
];

/** Already refused; kept as rows so each family the issue names stays covered. */
const familyUrls: [what: string, url: string][] = [
  ["IPv4-mapped IPv6 of a private address", "https://[::ffff:10.0.0.1]/"],
  ["IPv4-mapped IPv6, hex groups", "https://[::ffff:0a00:0001]/"],
  ["IPv4-mapped IPv6, full form", "https://[0:0:0:0:0:ffff:127.0.0.1]/"],
  ["IPv4-compatible IPv6", "https://[::10.0.0.1]/"],
  ["local-use NAT64 (RFC 8215)", "https://[64:ff9b:1::a00:1]/"],
  ["decimal IPv4", "https://167772161/"],
  ["octal IPv4", "https://012.0.0.1/"],
  ["hex IPv4", "https://0x0a.0.0.1/"],
  ["mixed-radix short IPv4", "https://0x7f.1/"],
  ["fullwidth digits", "https://①②⑦.0.0.1/"],
  ["an address in 0.0.0.0/8", "https://0.1.2.3/"],
  ["the top of 100.64/10", "https://100.127.255.255/"],
  ["metadata with a trailing dot", "https://169.254.169.254./"],
  ["the top of fc00::/7", "https://[fdff::1]/"],
  ["the top of fe80::/10", "https://[febf::1]/"],
  ["a subdomain of localhost, trailing dot", "https://foo.localhost./"],
  ["an uppercase localhost", "https://LOCALHOST/"],
  ["an encoded trailing dot", "https://localhost%2e/"],
  ["fullwidth localhost", "https://ｌｏｃａｌｈｏｓｔ/"],
  ["*.internal, trailing dot", "https://metadata.google.internal./"],
  ["userinfo hiding the real host", "https://user@127.0.0.1@hooks.example.com/"],
  ["plain http to a public host", "http://hooks.example.com/"],
];

describe("checkWebhookUrl", () => {
  it.each(hostileUrls)("refuses %s", (url) => {
    expect(hostileUrls.length).toBeGreaterThanOrEqual(15);
    expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it.each([...smuggledUrls, ...familyUrls])("refuses %s (%s)", (_what, url) => {
    expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it.each([
    "https://hooks.example.com/lecture-highlights",
    "https://hooks.example.com/x?token=in-query-is-fine",
    "https://hooks.example.com:443/explicit-default-port",
    "https://hooks.example.com./trailing-dot",
    "https://93.184.215.14/",
    "https://[2606:4700::1111]/",
    "https://[64:ff9b::808:808]/",
    "https://172.32.0.1/",
  ])("accepts %s", (url) => {
    expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: true });
  });

  it("lets http reach this machine only when insecure webhooks are allowed", () => {
    const insecure = { allowInsecure: true };
    for (const url of ["http://127.0.0.1:9999/hook", "http://localhost:9999/hook", "http://[::1]:9999/hook"]) {
      expect(checkWebhookUrl(url, insecure)).toMatchObject({ ok: true });
      expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: false });
    }
    for (const url of [
      "http://10.0.0.1/",
      "http://hooks.example.com/",
      "http://169.254.169.254/",
      "http://u:p@127.0.0.1/",
    ]) {
      expect(checkWebhookUrl(url, insecure)).toMatchObject({ ok: false });
    }
  });
});
