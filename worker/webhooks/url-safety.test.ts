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

describe("checkWebhookUrl", () => {
  it.each(hostileUrls)("refuses %s", (url) => {
    expect(hostileUrls.length).toBeGreaterThanOrEqual(15);
    expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it.each([
    "https://hooks.example.com/lecture-highlights",
    "https://hooks.example.com:8443/x?token=in-query-is-fine",
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
