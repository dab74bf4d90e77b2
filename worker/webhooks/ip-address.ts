/**
 * Classifies literal IP addresses for the outbound-safety check. Inputs are hostnames as the
 * WHATWG URL parser leaves them: IPv4 already in dotted-decimal (it rewrites `2130706433`,
 * `0x7f000001`, `0177.0.0.1` and `127.1`), IPv6 in brackets.
 */

type Ipv4Range = readonly [first: number, second: number, third: number, fourth: number, prefix: number];

/** Not reachable on the public internet, or not meant to be: RFC 6890 and friends. */
const nonPublicIpv4: readonly Ipv4Range[] = [
  [0, 0, 0, 0, 8], // "this network", unspecified
  [10, 0, 0, 0, 8], // private
  [100, 64, 0, 0, 10], // carrier-grade NAT
  [127, 0, 0, 0, 8], // loopback
  [169, 254, 0, 0, 16], // link-local, cloud metadata (169.254.169.254)
  [172, 16, 0, 0, 12], // private
  [192, 0, 0, 0, 24], // IETF protocol assignments
  [192, 0, 2, 0, 24], // documentation
  [192, 88, 99, 0, 24], // 6to4 relay anycast
  [192, 168, 0, 0, 16], // private
  [198, 18, 0, 0, 15], // benchmarking
  [198, 51, 100, 0, 24], // documentation
  [203, 0, 113, 0, 24], // documentation
  [224, 0, 0, 0, 4], // multicast
  [240, 0, 0, 0, 4], // reserved, broadcast
];

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `"127.0.0.1"` → 0x7f000001; null for anything that is not dotted-decimal IPv4. */
export function parseIpv4(text: string): number | null {
  const match = IPV4_PATTERN.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

function ipv4InRange(address: number, [a, b, c, d, prefix]: Ipv4Range): boolean {
  const base = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (address & mask) >>> 0 === base;
}

/**
 * Whether an IPv4 address (as a 32-bit number) is private, loopback, link-local, CGNAT,
 * multicast, reserved or otherwise not a public destination.
 *
 * @example
 * isNonPublicIpv4(parseIpv4("169.254.169.254")!); // true
 */
export function isNonPublicIpv4(address: number): boolean {
  return nonPublicIpv4.some((range) => ipv4InRange(address, range));
}

/** `"::ffff:7f00:1"` → eight 16-bit groups; null when it is not valid IPv6. */
export function parseIpv6(text: string): number[] | null {
  let body = text.toLowerCase();
  const zone = body.indexOf("%");
  if (zone >= 0) body = body.slice(0, zone);
  const tail: number[] = [];
  const embedded = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (embedded) {
    const v4 = parseIpv4(embedded[1]!);
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    body = body.slice(0, -embedded[1]!.length);
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  const zeros = new Array<number>(8 - explicit).fill(0);
  return [...head, ...zeros, ...rest].map((group) => Number.parseInt(String(group), 16)).concat(tail);
}

const embeddedIpv4 = (groups: number[], at: number) => ((groups[at]! << 16) | groups[at + 1]!) >>> 0;

/**
 * Whether an IPv6 address is loopback, unspecified, unique-local, link-local, site-local,
 * multicast, documentation, discard-only, IPv4-mapped or -compatible, or wraps a non-public
 * IPv4 address (NAT64, 6to4). Teredo is refused outright: it tunnels to arbitrary IPv4.
 *
 * @example
 * isNonPublicIpv6(parseIpv6("::ffff:127.0.0.1")!); // true
 */
export function isNonPublicIpv6(groups: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0] = groups;
  // ::, ::1, IPv4-compatible, IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated addresses: none
  // is a legitimate public destination, and each can smuggle a private IPv4 address.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) return true;
  if (g0 === 0x64 && g1 === 0xff9b) return isNonPublicIpv4(embeddedIpv4(groups, 6)); // NAT64
  if (g0 === 0x2002) return isNonPublicIpv4(embeddedIpv4(groups, 1)); // 6to4
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo
  if (g0 === 0x2001 && g1 === 0xdb8) return true; // documentation
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique-local (fd00:ec2::254 is AWS metadata)
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, site-local
  return (g0 & 0xff00) === 0xff00; // multicast
}
