/**
 * Compares two byte arrays in time that depends only on their length, so a mismatch position
 * cannot be learned by timing. The one comparison for secrets (signatures, password hashes) in
 * the Worker and the media worker.
 *
 * @example
 * constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 * constantTimeEqual(new TextEncoder().encode(expectedHex), new TextEncoder().encode(givenHex));
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

/**
 * True when `presented` is `Bearer <expected>`, compared in constant time; false when no token
 * is configured, so an unset token locks the door instead of opening it.
 *
 * @example
 * bearerMatches(request.headers.get("authorization"), env.OPERATOR_TOKEN); // true for "Bearer <token>"
 */
export function bearerMatches(presented: string | null | undefined, expected: string | undefined): boolean {
  if (!expected || !presented?.startsWith("Bearer ")) return false;
  const encoder = new TextEncoder();
  return constantTimeEqual(encoder.encode(presented.slice("Bearer ".length)), encoder.encode(expected));
}
