/**
 * The admin console's stylesheet: the portal's (same colours, focus ring and contrast)
 * plus tables, wider pages and form controls. Inlined and allowed by its hash in the CSP.
 */
import { PORTAL_CSS } from "../portal/styles.js";
import { pageCsp } from "../web/shared.js";

export const ADMIN_CSS = `${PORTAL_CSS}
main{max-width:80rem}
.top nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.top nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
input[type=number],input[type=email],select,textarea{font:inherit;width:100%;max-width:24rem;padding:.5rem .625rem;border:2px solid #595959;border-radius:4px;color:#1b1b1b;background:#fff}
textarea{max-width:36rem;min-height:4.5rem}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:#8a1111}
fieldset{border:1px solid #767676;border-radius:4px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.25rem 1rem}
.checks label,.check label{display:inline;font-weight:400;margin-left:.35rem}
.field-error{color:#8a1111;font-weight:600;margin:.25rem 0}
table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef5fb}
tr.finding td{background:#fff6e0}
tr.expiring td{background:#fff6e0}
tr.expired td{background:#fdeeee}
.secret{font-family:ui-monospace,monospace;font-size:1.1rem;background:#f4f4f4;border:2px dashed #1b1b1b;padding:.5rem;word-break:break-all}
.inline{display:inline-flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.25rem 0}
.inline .field{margin:0}
.row{display:flex;flex-wrap:wrap;gap:1rem}
.row>.field{flex:1 1 16rem}
.pager{display:flex;gap:1rem}
button.secondary{background:#fff;color:#0b4f8a}
button.secondary:hover{background:#e8f0f8;color:#06345c}
button.danger:hover{background:#5c0b0b;border-color:#5c0b0b}
button.danger{background:#8a1111;border-color:#8a1111}
`;

/** The Content-Security-Policy of every console page. */
export const ADMIN_CSP = pageCsp(ADMIN_CSS);
