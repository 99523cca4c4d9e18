import { BlockList, isIP } from "node:net";
import { JAKARTA_OFFSET_MS } from "@dukcapil-sandbox/core";

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
export function normaliseAddress(address: string | undefined): string {
  if (address === undefined || address === "") return "";
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

const lists = new WeakMap<readonly string[], BlockList>();
/** Answers per allowlist and address: BlockList.check builds a SocketAddress (~2.5 µs) each call. */
const answers = new WeakMap<readonly string[], Map<string, boolean>>();
const MAX_ANSWERS = 1024;

/**
 * Whether `address` is in an allowlist of exact addresses and CIDR ranges
 * (`10.32.4.0/24`, `127.0.0.1`, `::1`). Built on node's BlockList; cached per list (the
 * registry hands out the same frozen list until the institution changes).
 */
export function addressAllowed(allowlist: readonly string[], address: string): boolean {
  let known = answers.get(allowlist);
  const answer = known?.get(address);
  if (answer !== undefined) return answer;
  const allowed = checkAddress(allowlist, address);
  if (known === undefined) {
    known = new Map();
    answers.set(allowlist, known);
  } else if (known.size >= MAX_ANSWERS) {
    known.clear();
  }
  known.set(address, allowed);
  return allowed;
}

function checkAddress(allowlist: readonly string[], address: string): boolean {
  let list = lists.get(allowlist);
  if (list === undefined) {
    list = new BlockList();
    for (const entry of allowlist) {
      const [ip, prefix] = entry.split("/");
      const family = isIP(ip ?? "");
      if (family === 0) continue;
      const type = family === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) list.addAddress(ip as string, type);
      else list.addSubnet(ip as string, Number(prefix), type);
    }
    lists.set(allowlist, list);
  }
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * Whether an instant falls inside permitted access hours given in WIB (`from` inclusive,
 * `to` exclusive; a window that wraps midnight, e.g. 22:00–06:00, is allowed).
 */
export function insideAccessHours(
  hours: { readonly from: string; readonly to: string } | null,
  epochMs: number,
): boolean {
  if (hours === null) return true;
  const dayMs = 24 * 60 * 60 * 1000;
  const minute = Math.floor(((((epochMs + JAKARTA_OFFSET_MS) % dayMs) + dayMs) % dayMs) / 60_000);
  const from = minutes(hours.from);
  const to = minutes(hours.to);
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}
