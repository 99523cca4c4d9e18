/**
 * A lossless JSON reader and writer for the Dukcapil wire format.
 *
 * The upstream sends `NIK` and `NO_KK` as bare JSON numbers, and every NIK of
 * provinces 91–96 is larger than `Number.MAX_SAFE_INTEGER` (2^53 − 1), so
 * `JSON.parse` silently rounds it (`9171011203900001` becomes `9171011203900000`).
 * Node 20's `JSON.parse` gives a reviver no access to the source text, so this
 * module reads such literals itself.
 *
 * Representation (the one rule to remember): an **integer literal** (no fraction,
 * no exponent) whose value is not a safe integer is returned as a `bigint`
 * (`9171011203900001n`); every other number is a JS `number`, exactly as
 * `JSON.parse` would return it (floats and exponent literals stay lossy numbers).
 * JSON integer literals have no leading zeros, so `bigint` keeps the digits exact,
 * and `stringifyLossless` writes a `bigint` back as the same bare digits.
 */

import { DukcapilCoreError } from "../errors.js";
import { describeValue } from "../internal/describe-value.js";

/**
 * A JSON value as read by {@link parseJsonLossless}: like `JSON.parse` output, plus
 * `bigint` for integer literals outside the safe-integer range.
 *
 * @example
 * ```ts
 * import { type LosslessJsonValue, parseJsonLossless } from "@dukcapil-sandbox/core";
 * const value: LosslessJsonValue = parseJsonLossless('{"NIK":9171011203900001}');
 * ```
 */
export type LosslessJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | LosslessJsonValue[]
  | { [key: string]: LosslessJsonValue };

// An unsafe integer needs at least 16 digits (2^53 = 9007199254740992 has 16), and a
// number literal starts the text or follows `:`, `[` or `,` (and whitespace), so a text
// without such a 16-digit literal is read exactly by JSON.parse. A 16-digit NIK in a
// string (`"nik":"3204…"`, the common request) does not match: the fast path reads it.
// (A string holding `:1234567890123456` matches too: the slow path is then merely slower.)
const SIXTEEN_DIGIT_LITERAL = /(?:^|[[:,])[\t\n\r ]*-?\d{16}/;
const NUMBER_LITERAL = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Parses a JSON text like `JSON.parse`, but keeps integer literals that are not
 * safe integers digit-exact as `bigint`.
 *
 * Texts without a number literal of 16 digits or more are handed to `JSON.parse`
 * unchanged (the fast path); others are read by a small iterative parser. Duplicate keys keep the last
 * value and `"__proto__"` is an own key, as with `JSON.parse`.
 *
 * @throws {DukcapilCoreError} `DKS_CORE_JSON_PARSE` with `details.position`
 * (0-based UTF-16 offset), `details.line` and `details.column` (1-based).
 *
 * @example
 * ```ts
 * import { parseJsonLossless } from "@dukcapil-sandbox/core";
 * parseJsonLossless('{"NIK":9171011203900001,"NO_RT":6}');
 * // { NIK: 9171011203900001n, NO_RT: 6 }
 * ```
 */
export function parseJsonLossless(text: string): LosslessJsonValue {
  if (typeof text !== "string") {
    throw new DukcapilCoreError(
      "DKS_CORE_JSON_PARSE",
      `Failed to parse JSON text: expected a string, got ${describeValue(text)}. Pass the response body as text.`,
      { position: 0, line: 1, column: 1 },
    );
  }
  if (!SIXTEEN_DIGIT_LITERAL.test(text)) {
    try {
      return JSON.parse(text) as LosslessJsonValue;
    } catch {
      // Re-read with the own parser: it reports a position in a stable format, and, being
      // iterative, it reads valid text nested too deeply for JSON.parse (a RangeError).
      return parseSlow(text);
    }
  }
  return parseSlow(text);
}

type Frame =
  | { readonly kind: "array"; readonly value: LosslessJsonValue[] }
  | { readonly kind: "object"; readonly value: Record<string, LosslessJsonValue>; key: string };

function parseSlow(text: string): LosslessJsonValue {
  const length = text.length;
  let i = 0;
  const stack: Frame[] = [];

  const skipWhitespace = (): void => {
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };

  const fail = (expected: string): never => {
    const found = i >= length ? "the end of the text" : `character ${JSON.stringify(text[i])}`;
    throw parseError(text, i, `expected ${expected} but found ${found}`);
  };

  const readString = (): string => {
    // text[i] is the opening quote.
    const start = i;
    i++;
    let escaped = false;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        const slice = text.slice(start, i);
        return escaped ? (JSON.parse(slice) as string) : slice.slice(1, -1);
      }
      if (c === 0x5c) {
        escaped = true;
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail("four hex digits after \\u");
          }
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          i++;
          fail("a valid escape character");
        }
        continue;
      }
      if (c < 0x20) fail("a closing quote (control characters must be escaped)");
      i++;
    }
    return fail("a closing quote");
  };

  const readKey = (): string => {
    skipWhitespace();
    if (text.charCodeAt(i) !== 0x22) fail("a string key");
    const key = readString();
    skipWhitespace();
    if (text.charCodeAt(i) !== 0x3a) fail('":"');
    i++;
    return key;
  };

  const readNumber = (): number | bigint => {
    NUMBER_LITERAL.lastIndex = i;
    const match = NUMBER_LITERAL.exec(text);
    if (match === null) return fail("a value");
    const literal = match[0];
    i += literal.length;
    const value = Number(literal);
    if (match[1] !== undefined || match[2] !== undefined || Number.isSafeInteger(value)) {
      return value;
    }
    return BigInt(literal);
  };

  const readLiteral = (word: string, value: LosslessJsonValue): LosslessJsonValue => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return fail("a value");
  };

  for (;;) {
    skipWhitespace();
    let value: LosslessJsonValue;
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i++;
      skipWhitespace();
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        value = {};
      } else {
        stack.push({ kind: "object", value: {}, key: readKey() });
        continue;
      }
    } else if (c === 0x5b) {
      i++;
      skipWhitespace();
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        value = [];
      } else {
        stack.push({ kind: "array", value: [] });
        continue;
      }
    } else if (c === 0x22) {
      value = readString();
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      value = readNumber();
    } else if (c === 0x74) {
      value = readLiteral("true", true);
    } else if (c === 0x66) {
      value = readLiteral("false", false);
    } else if (c === 0x6e) {
      value = readLiteral("null", null);
    } else {
      value = fail("a value");
    }

    // Attach the completed value to its container, closing containers as they end.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skipWhitespace();
        if (i !== length) fail("the end of the text");
        return value;
      }
      if (top.kind === "array") top.value.push(value);
      else setOwn(top.value, top.key, value);
      skipWhitespace();
      const next = text.charCodeAt(i);
      if (next === 0x2c) {
        i++;
        if (top.kind === "object") top.key = readKey();
        break;
      }
      if ((top.kind === "array" && next === 0x5d) || (top.kind === "object" && next === 0x7d)) {
        i++;
        stack.pop();
        value = top.value;
        continue;
      }
      fail(top.kind === "array" ? '"," or "]"' : '"," or "}"');
    }
  }
}

function setOwn(target: Record<string, LosslessJsonValue>, key: string, value: LosslessJsonValue) {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

function parseError(text: string, position: number, reason: string, cause?: unknown) {
  let line = 1;
  let lineStart = 0;
  for (let j = 0; j < position && j < text.length; j++) {
    if (text.charCodeAt(j) === 0x0a) {
      line++;
      lineStart = j + 1;
    }
  }
  const column = position - lineStart + 1;
  return new DukcapilCoreError(
    "DKS_CORE_JSON_PARSE",
    `Failed to parse JSON text: ${reason} at position ${position} (line ${line}, column ${column}). Check that the body is complete, valid JSON.`,
    { position, line, column },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Writes a value as compact JSON text, keeping object keys in insertion order and
 * writing `bigint` values as bare integer digits.
 *
 * Follows `JSON.stringify` for `toJSON`, for `undefined`/function members of objects
 * (skipped) and of arrays (`null`). Unlike `JSON.stringify` it refuses what would
 * lose data: `NaN`/`Infinity`, cycles, and a top-level `undefined`. Note that, as
 * for any JS object, integer-like keys (`"1"`) come first; wire keys never are.
 * Iterative, like the reader: any nesting depth that fits in memory is written (no
 * stack overflow on a deeply nested value).
 *
 * @throws {DukcapilCoreError} `DKS_CORE_JSON_STRINGIFY` with `details.path`.
 *
 * @example
 * ```ts
 * import { stringifyLossless } from "@dukcapil-sandbox/core";
 * stringifyLossless({ content: [{ NIK: 9171011203900001n }], sort: null });
 * // '{"content":[{"NIK":9171011203900001}],"sort":null}'
 * ```
 */
export function stringifyLossless(value: unknown): string {
  // Plain JSON data (no bigint, no toJSON, nothing JSON skips or refuses): JSON.stringify
  // writes exactly what the writer below would, about three times faster (the wire
  // writers' answers, except NIKs above 2^53, which are bigints).
  if (isPlainJson(value, 0)) return JSON.stringify(value);
  const ancestors = new Set<object>();
  const stack: WriteFrame[] = [];
  let step = open(value, "", "$", ancestors);
  for (;;) {
    if (step.kind === "frame") {
      stack.push(step.frame);
    } else {
      // A value is complete: hand it to its container, closing containers that are done.
      let text = step.text;
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (text === undefined) {
            throw stringifyError("$", "the value is undefined, a function or a symbol");
          }
          return text;
        }
        if (top.kind === "array") top.parts.push(text ?? "null");
        else if (text !== undefined) top.parts.push(`${JSON.stringify(top.key)}:${text}`);
        if (hasNext(top)) break;
        stack.pop();
        ancestors.delete(top.object);
        text = top.kind === "array" ? `[${top.parts.join(",")}]` : `{${top.parts.join(",")}}`;
      }
    }
    const top = stack[stack.length - 1] as WriteFrame;
    if (!hasNext(top)) {
      // An empty container: complete at once.
      stack.pop();
      ancestors.delete(top.object);
      step = { kind: "text", text: top.kind === "array" ? "[]" : "{}" };
      continue;
    }
    step = next(top, ancestors);
  }
}

/** Nesting the fast path checks at most; deeper values (or cycles) take the iterative writer. */
const PLAIN_MAX_DEPTH = 64;

/**
 * Whether `value` is plain JSON data: strings, finite numbers, booleans, null, arrays and
 * objects with the Object (or null) prototype, no `toJSON`, no `undefined`, function,
 * symbol or bigint member, nested at most {@link PLAIN_MAX_DEPTH} deep. For such data
 * `JSON.stringify` and the iterative writer produce the same text.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= PLAIN_MAX_DEPTH) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!isPlainJson(value[i], depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!isPlainJson(record[key], depth + 1)) return false;
  }
  return true;
}

type WriteFrame =
  | {
      readonly kind: "array";
      readonly object: readonly unknown[];
      readonly path: string;
      readonly parts: string[];
      index: number;
    }
  | {
      readonly kind: "object";
      readonly object: Record<string, unknown>;
      readonly path: string;
      readonly parts: string[];
      readonly keys: readonly string[];
      index: number;
      key: string;
    };

type WriteStep =
  | { readonly kind: "text"; readonly text: string | undefined }
  | { readonly kind: "frame"; readonly frame: WriteFrame };

function hasNext(frame: WriteFrame): boolean {
  return frame.kind === "array"
    ? frame.index < frame.object.length
    : frame.index < frame.keys.length;
}

/** Opens the next member of a container that has one. */
function next(frame: WriteFrame, ancestors: Set<object>): WriteStep {
  const index = frame.index;
  frame.index += 1;
  if (frame.kind === "array") {
    return open(frame.object[index], String(index), `${frame.path}[${index}]`, ancestors);
  }
  const name = frame.keys[index] as string;
  frame.key = name;
  return open(frame.object[name], name, `${frame.path}.${name}`, ancestors);
}

/** A scalar's text (`undefined` for what JSON skips), or a frame for a container. */
function open(value: unknown, key: string, path: string, ancestors: Set<object>): WriteStep {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  switch (typeof value) {
    case "string":
      return { kind: "text", text: JSON.stringify(value) };
    case "bigint":
      return { kind: "text", text: value.toString() };
    case "number":
      if (!Number.isFinite(value)) throw stringifyError(path, `${value} is not a JSON number`);
      return { kind: "text", text: JSON.stringify(value) };
    case "boolean":
      return { kind: "text", text: value ? "true" : "false" };
    case "undefined":
    case "function":
    case "symbol":
      return { kind: "text", text: undefined };
    default:
      break;
  }
  if (value === null) return { kind: "text", text: "null" };
  const object = value as object;
  if (ancestors.has(object)) throw stringifyError(path, "the value contains a cycle");
  ancestors.add(object);
  if (Array.isArray(object)) {
    return { kind: "frame", frame: { kind: "array", object, path, parts: [], index: 0 } };
  }
  const record = object as Record<string, unknown>;
  return {
    kind: "frame",
    frame: {
      kind: "object",
      object: record,
      path,
      parts: [],
      keys: Object.keys(record),
      index: 0,
      key: "",
    },
  };
}

function stringifyError(path: string, reason: string) {
  return new DukcapilCoreError(
    "DKS_CORE_JSON_STRINGIFY",
    `Failed to write JSON text: ${reason} at ${path}. Pass plain objects, arrays, strings, finite numbers, bigints, booleans and null.`,
    { path },
  );
}
