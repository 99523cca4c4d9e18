/**
 * Network address normalisation (internal), so that one client compares equal however a
 * server reports it: Node gives an IPv4 client of a dual-stack socket as
 * `::ffff:10.32.4.100`, while the agency registered `10.32.4.100`.
 */

const IPV4 =
  /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

/** The eight 16-bit groups of an IPv6 address (an IPv4 tail counts as two), or `undefined`. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index] as string;
      if (index === pieces.length - 1 && piece.includes(".")) {
        if (!IPV4.test(piece)) return undefined;
        const [a, b, c, d] = piece.split(".").map(Number) as [number, number, number, number];
        out.push(a * 256 + b, c * 256 + d);
      } else if (HEX_GROUP.test(piece)) {
        out.push(Number.parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

/** RFC 5952 text of eight groups: lower-case hex, no leading zeros, the longest zero run (≥ 2) as `::`. */
function ipv6Text(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * The canonical text of an address: surrounding space and brackets removed; an
 * IPv4-mapped IPv6 address (`::ffff:10.32.4.100`, `::FFFF:a20:464`,
 * `0:0:0:0:0:ffff:10.32.4.100`) as its IPv4 address; other IPv6 addresses in RFC 5952
 * form (`2001:DB8:0::1` → `2001:db8::1`). Anything else (a host name) is returned
 * trimmed and lower-cased.
 *
 * @example
 * ```ts
 * normaliseAddress("::ffff:10.32.4.100"); // "10.32.4.100"
 * normaliseAddress("[2001:0DB8::0001]"); // "2001:db8::1"
 * ```
 * @internal
 */
export function normaliseAddress(address: string): string {
  let text = address.trim().toLowerCase();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (IPV4.test(text) || !text.includes(":")) return text;
  const percent = text.indexOf("%");
  const zone = percent === -1 ? "" : text.slice(percent);
  const groups = ipv6Groups(percent === -1 ? text : text.slice(0, percent));
  if (groups === undefined) return text;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped && zone === "") {
    const high = groups[6] as number;
    const low = groups[7] as number;
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return `${ipv6Text(groups)}${zone}`;
}
