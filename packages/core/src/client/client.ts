/**
 * The typed client of the Dukcapil NIK web service: lookup, verify-by-element,
 * family card and data balikan, with outcomes as values.
 *
 * It does no I/O besides the injected (or global) `fetch`, keeps no state between
 * calls and never caches or persists person data: every answer goes to the caller
 * and nowhere else. Options are in `options.ts`, the HTTP exchange in `transport.ts`,
 * the verify body in `verify-payload.ts` and the data balikan API in `data-balikan.ts`.
 */

import { maskNik } from "../nik/mask.js";
import { parseNik } from "../nik/parse.js";
import { type DataBalikanInput, type DataBalikanOutcome, sendDataBalikan } from "./data-balikan.js";
import { type DukcapilClientOptions, readClientOptions } from "./options.js";
import {
  type DukcapilMethod,
  type FamilyOutcome,
  familyOutcomeFromBody,
  type LookupOutcome,
  localMalformedNikOutcome,
  lookupOutcomeFromBody,
  type VerifyOutcome,
  verifyOutcomeFromBody,
} from "./outcome.js";
import { createTransport, is2xx } from "./transport.js";
import {
  buildVerifyPayload,
  checkVerifyArguments,
  type VerifyElementsInput,
} from "./verify-payload.js";

/**
 * A client of one institution's registration. Methods resolve to outcomes (values);
 * they reject only with transport errors (`DukcapilHttpError`, `DukcapilNetworkError`,
 * `DukcapilTimeoutError`, `DukcapilResponseFormatError`) or usage errors (`DukcapilCoreError`).
 *
 * @example
 * ```ts
 * import { createDukcapilClient, type DukcapilClient } from "@dukcapil-sandbox/core";
 * const client: DukcapilClient = createDukcapilClient({ baseUrl: "http://10.0.0.1:8080",
 *   path: "BPS", userId: "u", password: "p", ipUser: "10.0.0.2" });
 * ```
 */
export interface DukcapilClient {
  /** The attribution notice the application must display on screens using the data. */
  readonly attribution: string;
  /** `CALL_NIK`: the person record granted to the institution. */
  lookup(nik: string): Promise<LookupOutcome>;
  /**
   * `CALL_VERIFY_BY_ELEMEN`: per-element match results against `threshold` (0–100); an
   * element not granted to the institution is answered `null` (no match, no score).
   */
  verify(nik: string, elements: VerifyElementsInput, threshold: number): Promise<VerifyOutcome>;
  /** `CALL_NIK_GET_KK`: the members of the person's family card. */
  family(nik: string): Promise<FamilyOutcome>;
  /** The data balikan (return data) API. */
  sendDataBalikan(input: DataBalikanInput): Promise<DataBalikanOutcome>;
}

/**
 * Creates a client for one institution's registration. Options are validated here, so
 * a misconfigured application fails at start-up, not on the first call.
 *
 * URLs: `baseUrl + "/dukcapil/get_json/" + path + "/" + METHOD` with METHOD `CALL_NIK`,
 * `CALL_VERIFY_BY_ELEMEN` or `CALL_NIK_GET_KK`; every call is a `POST` with a JSON body.
 * A NIK is checked locally with `parseNik` first; a malformed one is answered with
 * outcome 15 (`local: true`) without a network call, so it spends no quota. Transport
 * errors never carry the password, the user ID, an unmasked NIK or person data.
 *
 * @throws {DukcapilCoreError} `DKS_CORE_CLIENT_CONFIG` for invalid options (`details.issues`).
 *
 * @example
 * ```ts
 * import { createDukcapilClient } from "@dukcapil-sandbox/core";
 * const client = createDukcapilClient({
 *   baseUrl: "http://10.0.0.1:8080", path: "BPS", userId: "u", password: "p", ipUser: "10.0.0.2",
 * });
 * const outcome = await client.lookup("3204014101900001");
 * if (outcome.code === "01") console.log(outcome.record.NAMA_LGKP);
 * else if (outcome.code === "05") console.log("Quota used up until 00:00 WIB");
 * ```
 */
export function createDukcapilClient(options: DukcapilClientOptions): DukcapilClient {
  const config = readClientOptions(options);
  const transport = createTransport(config);
  const regions = config.nikCheck === "format" ? "none" : config.nikCheck;
  const secrets = [config.password, config.userId];
  const endpoint = (method: DukcapilMethod) =>
    `${config.baseUrl}/dukcapil/get_json/${config.path}/${method}`;
  const checkNik = (nik: string) => parseNik(nik, { regions, normalize: true });

  async function callJson(method: DukcapilMethod, nik: string, payload: unknown) {
    const operation = `call Dukcapil ${method} for NIK ${maskNik(nik)}`;
    const { text } = await transport.send({
      operation,
      url: endpoint(method),
      payload,
      acceptStatus: is2xx,
      secrets: [...secrets, nik],
    });
    return transport.readJson(operation, text, method);
  }

  const credentialsBody = (nik: string) => ({
    nik,
    user_id: config.userId,
    password: config.password,
    ip_user: config.ipUser,
  });

  return Object.freeze({
    attribution: config.attribution,

    async lookup(nik: string): Promise<LookupOutcome> {
      const checked = checkNik(nik);
      if (!checked.ok) return localMalformedNikOutcome("lookupText", checked.reason);
      const body = await callJson("CALL_NIK", checked.nik, credentialsBody(checked.nik));
      return lookupOutcomeFromBody(body, "CALL_NIK");
    },

    async family(nik: string): Promise<FamilyOutcome> {
      const checked = checkNik(nik);
      if (!checked.ok) return localMalformedNikOutcome("lookupText", checked.reason);
      const body = await callJson("CALL_NIK_GET_KK", checked.nik, credentialsBody(checked.nik));
      return familyOutcomeFromBody(body);
    },

    async verify(
      nik: string,
      elements: VerifyElementsInput,
      threshold: number,
    ): Promise<VerifyOutcome> {
      const args = checkVerifyArguments(elements, threshold);
      const checked = checkNik(nik);
      if (!checked.ok) return localMalformedNikOutcome("verifyText", checked.reason);
      const payload = buildVerifyPayload(config, checked.nik, args.elements, args.threshold);
      const body = await callJson("CALL_VERIFY_BY_ELEMEN", checked.nik, payload);
      return verifyOutcomeFromBody(body);
    },

    sendDataBalikan(input: DataBalikanInput): Promise<DataBalikanOutcome> {
      return sendDataBalikan({ transport, baseUrl: config.baseUrl, checkNik, secrets }, input);
    },
  });
}
