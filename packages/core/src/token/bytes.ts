/**
 * Byte helpers for tokens, on Web standard globals only (no `node:` imports):
 * randomness, base64url, hex, SHA-256 and a constant-time comparison.
 */

/**
 * `length` bytes from the platform's cryptographically secure generator (internal).
 *
 * @internal
 */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/**
 * Base64url without padding (RFC 4648 §5) (internal).
 *
 * @internal
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Lower-case hexadecimal (internal).
 *
 * @internal
 */
export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Bytes of a lower-case hexadecimal string of even length (the caller checks the shape) (internal).
 *
 * @internal
 */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

/**
 * SHA-256 of the UTF-8 encoding of `text`, via Web Crypto (internal).
 *
 * @internal
 */
export async function sha256(text: string): Promise<Uint8Array> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return new Uint8Array(digest);
}

/**
 * Compares two byte arrays in time that depends only on their lengths, never on
 * where they first differ: every byte is visited and differences are OR-ed together.
 *
 * Lengths are not secret here (both sides are SHA-256 digests), so arrays of
 * different lengths are unequal, still after a full pass over the longer one.
 *
 * @example
 * ```ts
 * import { constantTimeEqual } from "@dukcapil-sandbox/core";
 * constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])); // true
 * constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])); // false
 * ```
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let index = 0; index < length; index += 1) {
    // Out-of-range reads give undefined; `| 0` turns them into 0 without a branch.
    difference |= (a[index]! | 0) ^ (b[index]! | 0);
  }
  return difference === 0;
}
